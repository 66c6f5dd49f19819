// What `onboarding diagnose` reads: an STS error someone pasted, or CloudTrail records in any of the
// shapes AWS hands them out. Nothing here decides a code; it only says what the input tells.
import { DATAPLANE_ROLE_SUFFIX } from '../domain/names';
import { DEFAULT_VERIFIER_SESSION_PREFIX, diagnoseCloudTrailEvent, type Diagnosis, isDenial, type KnownContext } from '../domain/diagnosis';
import { otherCallerOf } from '../domain/diagnosis/context';

/**
 * What an STS message says about the call. An AccessDenied names the caller ("User: <session ARN>")
 * and the role ("on resource: <role ARN>"); most other errors name neither, and then nothing is known.
 * A caller that is not a dataplane role's session, refused on a dataplane role of its own account, is
 * our verifier's first hop; refused on a role of another account, it is another identity the Spark
 * pods fell back to (`otherCaller`) — unless its session is the verifier's (verify-…).
 */
export function stsErrorContext(message: string): { ctx: KnownContext; stage: 'dataplane' | 'target' } {
  const caller = /User: (arn:\S+)/.exec(message)?.[1];
  const target = /on resource: (arn:\S+)/.exec(message)?.[1];
  const session = caller ? /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(caller) : null;
  const callerRole = session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : undefined;
  const vendorAccountId = session?.[2] ?? (caller ? /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(caller)?.[1] : undefined);
  const targetRole = target ? /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(target) : null;
  const firstHop =
    targetRole !== null &&
    targetRole[1] === vendorAccountId &&
    (targetRole[2] ?? '').endsWith(DATAPLANE_ROLE_SUFFIX) &&
    !(session?.[3] ?? '').endsWith(DATAPLANE_ROLE_SUFFIX);
  // A session of another role of ours (not a dataplane role, not the verifier's) on a customer's role:
  // the pods did not get the dataplane role.
  const otherCaller = otherCallerOf({ sessionArn: caller, targetRoleArn: target, vendorAccountId, verifierPrefix: DEFAULT_VERIFIER_SESSION_PREFIX });
  const dataplaneRoleArn = firstHop ? target : otherCaller ? undefined : callerRole;
  const ctx: KnownContext = {
    ...(dataplaneRoleArn ? { dataplaneRoleArn } : {}),
    ...(otherCaller ? { otherCaller } : {}),
    ...(target && !firstHop ? { targetRoleArn: target } : {}),
    ...(vendorAccountId ? { vendorAccountId } : {}),
  };
  return { ctx, stage: firstHop ? 'dataplane' : 'target' };
}

/** Which record a diagnosis explains, as CloudTrail identifies it. */
export interface RecordRef {
  /** 0-based position in the file's records. */
  index: number;
  eventTime?: string;
  eventName?: string;
  eventId?: string;
}

export interface CloudTrailDiagnoses {
  /** How the file was read: a delivered log file, a lookup-events answer, or one record. */
  shape: 'Records' | 'Events' | 'record';
  diagnoses: { record: RecordRef; diagnosis: Diagnosis }[];
  /** Records not diagnosed, and why (a success, another API call, ...). */
  skipped: { record: RecordRef; reason: string }[];
}

/** A file that holds no CloudTrail records in a shape we know; the message says what was expected. */
export class CloudTrailInputError extends Error {
  override readonly name = 'CloudTrailInputError';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SHAPES =
  'expected a CloudTrail log file ({"Records": [...]}), an `aws cloudtrail lookup-events` answer ({"Events": [{"CloudTrailEvent": "..."}]}) or one record ({"eventName": ..., ...})';

/** The records in a parsed file, whichever of the three shapes it has. */
export function cloudTrailRecords(json: unknown): { shape: CloudTrailDiagnoses['shape']; records: unknown[] } {
  if (!isObject(json)) throw new CloudTrailInputError(`not a JSON object: ${SHAPES}`);
  if ('Records' in json) {
    if (!Array.isArray(json.Records)) throw new CloudTrailInputError('"Records" must be an array of CloudTrail records');
    return { shape: 'Records', records: json.Records };
  }
  if ('Events' in json) {
    if (!Array.isArray(json.Events)) throw new CloudTrailInputError('"Events" must be an array, as lookup-events returns it');
    const records = json.Events.map((event, i) => {
      const raw = isObject(event) ? event.CloudTrailEvent : undefined;
      if (typeof raw !== 'string') throw new CloudTrailInputError(`Events[${i}].CloudTrailEvent must be the record as a JSON string`);
      try {
        return JSON.parse(raw) as unknown;
      } catch (error) {
        throw new CloudTrailInputError(`Events[${i}].CloudTrailEvent is not valid JSON: ${(error as Error).message}`);
      }
    });
    return { shape: 'Events', records };
  }
  if ('eventName' in json || 'eventSource' in json) return { shape: 'record', records: [json] };
  throw new CloudTrailInputError(`no "Records", "Events" or "eventName": ${SHAPES}`);
}

function refOf(record: unknown, index: number): RecordRef {
  const r = isObject(record) ? record : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const eventTime = text(r.eventTime);
  const eventName = text(r.eventName);
  const eventId = text(r.eventID);
  return { index, ...(eventTime ? { eventTime } : {}), ...(eventName ? { eventName } : {}), ...(eventId ? { eventId } : {}) };
}

/**
 * Diagnoses every failed AssumeRole / AssumeRoleWithWebIdentity record of a file, in file order, and
 * says why each other record was left out: a log file holds many calls, and only denials of a role
 * assumption have something to explain.
 */
export function diagnoseCloudTrail(json: unknown): CloudTrailDiagnoses {
  const { shape, records } = cloudTrailRecords(json);
  const result: CloudTrailDiagnoses = { shape, diagnoses: [], skipped: [] };
  records.forEach((record, index) => {
    const ref = refOf(record, index);
    if (!isDenial(record)) {
      result.skipped.push({ record: ref, reason: skipReason(record) });
      return;
    }
    result.diagnoses.push({ record: ref, diagnosis: diagnoseCloudTrailEvent(record) });
  });
  return result;
}

function skipReason(record: unknown): string {
  if (!isObject(record)) return 'not a CloudTrail record (not a JSON object)';
  const call = `${String(record.eventSource ?? '(no eventSource)')} ${String(record.eventName ?? '(no eventName)')}`;
  if (record.eventSource !== 'sts.amazonaws.com' || !['AssumeRole', 'AssumeRoleWithWebIdentity'].includes(String(record.eventName))) {
    return `${call} is not a role assumption`;
  }
  return `${call} succeeded (no errorCode): nothing to diagnose`;
}

/** "2024-05-02T09:15:11Z AssumeRole, event 3f1c…" — how a record is named in the text output. */
export function describeRecord(ref: RecordRef): string {
  return [
    `record ${ref.index + 1}`,
    ref.eventTime ?? '(no eventTime)',
    ref.eventName ?? '(no eventName)',
    ref.eventId ? `event ${ref.eventId}` : '(no eventID)',
  ].join(', ');
}
