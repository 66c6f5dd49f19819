// Diagnoses of the permission probes (lib/domain/probes): which S3, KMS, Athena or Redshift permission the target
// role lacks, with the exact statement to add, and the configuration mistakes the probes find (a bucket
// that does not exist or is in another region, a workgroup or cluster not found, a VPC endpoint host).
//
// AWS names what it refused in its AccessDenied message — "User: <session> is not authorized to perform:
// <action> on resource: <arn> because no identity-based policy allows the <action> action" — and a
// missing kms:Decrypt or kms:GenerateDataKey comes back from S3 itself as AccessDenied naming the KMS
// action and key: the diagnosis is chosen by code and named action, never by the probe alone.
import type { ProbeErrorInfo } from '../../ports';
import { canonicalHosts } from '../probes/hosts';
import { describeResource, dnsSuffix, isS3Backed, s3LocationOf, type ConnectionResource } from '../probes/resource';
import type { ProbeFailure } from '../probes/run-probes';
import type { Diagnosis, DiagnosisContext, Evidence, MissingPermission } from './codes';
import { roleNameOf } from './context';
import { toDiagnosis } from './sts-errors';

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden']);
const THROTTLING = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'ServiceUnavailable']);
const WRONG_REGION = new Set(['PermanentRedirect', 'AuthorizationHeaderMalformed', 'IllegalLocationConstraintException']);

/** "... on resource: <arn> because|with ...": the action and resource AWS named, and why it refused. */
const NAMED_DENIAL = /not authorized to perform: ([\w-]+:[\w*]+) on (?:the )?resource(?::\s*"?([^"\s]+)"?)?(?:\s+(because no [\w -]+ policy allows|with an explicit deny in an? [\w -]+ policy))?/;
/** S3's older text for an SSE-KMS object whose key the caller may not use. */
const LEGACY_KMS_DENIAL = /ciphertext refers to a customer master key/i;

export interface ProbeDiagnosisInput {
  failure: ProbeFailure;
  resource: ConnectionResource;
  connectionId: string;
  /** The target role's partition and account. */
  partition: string;
  accountId: string;
  /** The marker object a failed DeleteObject left behind. */
  markerLeft?: string;
}

export function diagnoseProbeFailure(input: ProbeDiagnosisInput, ctx: DiagnosisContext): Diagnosis {
  const { failure, resource } = input;
  const evidence: Evidence[] = [
    {
      source: 'probe',
      summary: `${failure.action} on ${failure.resource}${failure.error ? `: ${failure.error.name}` : ''}`,
      ...(failure.error ? { errorCode: failure.error.name, errorMessage: failure.error.message } : {}),
    },
  ];
  const role = roleNameOf(ctx.targetRoleArn);

  if (failure.hostMismatch !== undefined) {
    return diagnoseHostNotCanonical(input.connectionId, resource, failure.hostMismatch, evidence);
  }

  const hasWorkgroup = resource.kind === 'athena' || resource.kind === 'redshift-serverless';
  if (hasWorkgroup && (failure.workgroupState !== undefined || (failure.error && isWorkgroupNotFound(failure.error)))) {
    return workgroupNotFound(input, failure.workgroupState, evidence);
  }

  if (resource.kind === 'redshift' && failure.error && CLUSTER_NOT_FOUND.has(failure.error.name)) {
    return toDiagnosis(
      {
        code: 'CLUSTER_NOT_FOUND',
        summary: `The Redshift cluster ${resource.clusterIdentifier} of connection "${input.connectionId}" is not found in ${resource.region} of account ${input.accountId} (Redshift answered ${failure.error.name}).`,
        fix: `The customer corrects the connection's cluster identifier or region (aws redshift describe-clusters --region ${resource.region} lists them).`,
      },
      evidence,
    );
  }

  const location = isS3Backed(resource) ? s3LocationOf(resource) : undefined;
  const bucket = location?.bucket;
  const bucketRegion = failure.bucketRegion ?? (failure.error && WRONG_REGION.has(failure.error.name) ? failure.error.bucketRegion ?? '' : undefined);
  if (location && bucketRegion !== undefined) {
    const where = bucketRegion !== '' ? `in ${bucketRegion}` : 'in another region (S3 did not say which)';
    return toDiagnosis(
      {
        code: 'BUCKET_IN_OTHER_REGION',
        summary: `The bucket ${bucket} of connection "${input.connectionId}" is ${where}, not in ${location.region} as the connection says, so the product's S3 requests would be redirected and fail.`,
        fix:
          bucketRegion !== ''
            ? `The customer sets the connection's region to ${bucketRegion}.`
            : `The customer sets the connection's region to the bucket's (aws s3api get-bucket-location --bucket ${bucket}).`,
      },
      evidence,
    );
  }

  const error = failure.error;
  if (location && error?.name === 'NoSuchBucket') {
    return toDiagnosis(
      {
        code: 'BUCKET_NOT_FOUND',
        summary: `The bucket ${bucket} of connection "${input.connectionId}" does not exist (S3 answered NoSuchBucket).`,
        fix: `The customer corrects the bucket name in the connection: the bucket's name alone, lowercase, without s3:// or a path.`,
      },
      evidence,
    );
  }

  if (error && (THROTTLING.has(error.name) || (error.httpStatusCode ?? 0) >= 500)) {
    return toDiagnosis(
      {
        code: 'THROTTLED',
        summary: `${serviceOf(failure.action)} answered ${error.name} to the ${failure.action} probe (HTTP ${error.httpStatusCode ?? '?'}); this says nothing about the role, and the attempt is retried.`,
        fix: 'Nothing to do; the next attempt probes again.',
      },
      evidence,
    );
  }

  if (error && (ACCESS_DENIED.has(error.name) || error.httpStatusCode === 403)) {
    return accessDenied(input, error, ctx, role, evidence);
  }

  return toDiagnosis(
    {
      code: 'UNKNOWN',
      summary: `The ${failure.action} probe on ${failure.resource} failed with ${error?.name ?? 'no error'}: ${error?.message ?? ''}`.trim(),
      fix: 'Support: escalate to engineering with this diagnosis; the connection is polled again meanwhile.',
      ...(error ? { rawMessage: error.message } : {}),
    },
    evidence,
  );
}

function accessDenied(input: ProbeDiagnosisInput, error: ProbeErrorInfo, ctx: DiagnosisContext, role: string, evidence: Evidence[]): Diagnosis {
  const { failure, resource, partition } = input;
  const named = NAMED_DENIAL.exec(error.message);
  const action = named?.[1] ?? (LEGACY_KMS_DENIAL.test(error.message) ? kmsActionFor(failure.action) : failure.action);
  const reason = named?.[3];
  // "because no identity-based policy allows" reads "(no identity-based policy allows it)".
  const said = reason === undefined ? '' : ` (${reason.startsWith('because ') ? `${reason.slice('because '.length)} it` : reason})`;
  const left = input.markerLeft ? ` The probe's 1-byte marker object stays at ${input.markerLeft}; the customer may delete it.` : '';

  if (reason && /session policy/.test(reason)) {
    // Our own probe session policy refused the call: a defect of ours, not the customer's.
    return toDiagnosis(
      {
        code: 'UNKNOWN',
        side: 'vendor',
        summary: `The probe's own session policy refused ${action} (${reason}): the probe asked for more than it allows.${left}`,
        fix: 'Support: escalate to engineering; nothing is wrong on the customer side that this shows.',
        rawMessage: error.message,
      },
      evidence,
    );
  }

  if (action.startsWith('kms:') && isS3Backed(resource)) {
    const region = s3LocationOf(resource).region;
    const keyArn = named?.[2]?.startsWith(`arn:${partition}:kms:`) ? named[2] : undefined;
    const keyResource = keyArn ?? `arn:${partition}:kms:${region}:<key account>:key/<key id>`;
    const statement = {
      Sid: 'QualyticsUseBucketKey',
      Effect: 'Allow',
      Action: action,
      Resource: keyResource,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.${dnsSuffix(region)}` } },
    };
    const keyPolicyNeeded = reason === undefined || /resource-based/.test(reason);
    const keyPolicyStatement = {
      Sid: 'AllowQualyticsTargetRole',
      Effect: 'Allow',
      Principal: { AWS: ctx.targetRoleArn },
      Action: action,
      Resource: '*',
    };
    const missing: MissingPermission = {
      action,
      resource: keyResource,
      statement,
      ...(keyArn ? { keyArn } : {}),
      ...(keyPolicyNeeded ? { keyPolicyStatement } : {}),
    };
    return {
      ...toDiagnosis(
        {
          code: 'KMS_ACCESS_DENIED',
          summary:
            `${ctx.targetRoleArn} reaches ${failure.resource} but may not use its KMS key${keyArn ? ` ${keyArn}` : ''}: S3 refused ` +
            `${failure.action} because ${action} was denied${said}. ${action === 'kms:Decrypt' ? 'Reading SSE-KMS objects needs kms:Decrypt' : 'Writing to an SSE-KMS bucket needs kms:GenerateDataKey'}.${left}`,
          fix:
            explicitDenyFix(reason, action) ??
            `The customer adds to ${role}'s permissions policy: ${JSON.stringify(statement)}` +
              (keyPolicyNeeded
                ? `; and, unless the key policy lets the account's IAM policies decide (a statement for arn:${partition}:iam::<key account>:root with kms:*), ` +
                  `adds to the key policy: ${JSON.stringify(keyPolicyStatement)}`
                : '') +
              '. Then waits for the next attempt or asks for a re-run.',
        },
        evidence,
      ),
      missingPermission: missing,
    };
  }

  const resourceArn = named?.[2] ?? failure.resource;
  const statement: Record<string, unknown> = { Sid: statementSid(action), Effect: 'Allow', Action: action, Resource: statementResource(action, resourceArn, resource) };
  const prefix = isS3Backed(resource) ? s3LocationOf(resource).prefix : '';
  if (action === 's3:ListBucket' && prefix !== '') statement.Condition = { StringLike: { 's3:prefix': [`${prefix}*`] } };
  return {
    ...toDiagnosis(
      {
        code: 'DATA_ACCESS_DENIED',
        summary:
          `The trust is verified, but ${ctx.targetRoleArn} may not ${action} on ${resourceArn}${said}: the product needs it to use ${describeResource(resource)}.${left}`,
        fix:
          explicitDenyFix(reason, action) ??
          `The customer adds to ${role}'s permissions policy: ${JSON.stringify(statement)}. Then waits for the next attempt or asks for a re-run.`,
      },
      evidence,
    ),
    missingPermission: { action, resource: resourceArn, statement },
  };
}

/** Athena's InvalidRequestException "WorkGroup x is not found", Redshift Serverless's ResourceNotFoundException. */
function isWorkgroupNotFound(error: ProbeErrorInfo): boolean {
  if (error.name === 'ResourceNotFoundException') return true;
  return error.name === 'InvalidRequestException' && /workgroup .* (is )?not found/i.test(error.message);
}

const CLUSTER_NOT_FOUND = new Set(['ClusterNotFoundFault', 'ClusterNotFound']);

function workgroupNotFound(input: ProbeDiagnosisInput, state: string | undefined, evidence: Evidence[]): Diagnosis {
  const resource = input.resource as Extract<ConnectionResource, { workgroup: string }>;
  const athena = resource.kind === 'athena';
  const what = state !== undefined ? `is ${state}` : `is not found in ${resource.region} of account ${input.accountId}`;
  const list = athena ? `aws athena list-work-groups --region ${resource.region}` : `aws redshift-serverless list-workgroups --region ${resource.region}`;
  return toDiagnosis(
    {
      code: 'WORKGROUP_NOT_FOUND',
      summary: `The ${athena ? 'Athena' : 'Redshift Serverless'} workgroup ${resource.workgroup} of connection "${input.connectionId}" ${what}, so no query of the product can run in it.`,
      fix:
        state !== undefined
          ? `The customer enables the workgroup (aws athena update-work-group --work-group ${resource.workgroup} --state ENABLED --region ${resource.region}), or names another in the connection.`
          : `The customer corrects the connection's workgroup name or region (${list} lists them).`,
    },
    evidence,
  );
}

function serviceOf(action: string): string {
  const service = action.slice(0, action.indexOf(':'));
  return { athena: 'Athena', redshift: 'Redshift', 'redshift-serverless': 'Redshift Serverless' }[service] ?? 'S3';
}

/** The KMS action S3 needed for a probe, when S3's message does not name it. */
function kmsActionFor(probeAction: string): string {
  return probeAction === 's3:PutObject' ? 'kms:GenerateDataKey' : 'kms:Decrypt';
}

function explicitDenyFix(reason: string | undefined, action: string): string | undefined {
  const m = reason ? /with an explicit deny in an? ([\w -]+ policy)/.exec(reason) : null;
  if (!m) return undefined;
  return `A Deny statement in a ${m[1]} refuses ${action}: the customer (or their organization's administrators, for a service or resource control policy) narrows or removes that Deny for the target role; adding an Allow does not help.`;
}

function statementSid(action: string): string {
  return `Qualytics${action.replace(/^[a-z0-9]+:/, '')}`;
}

/**
 * Object actions are granted under the prefix, not on the one probed object; database credentials for
 * the connection's user and database both (AWS authorizes GetClusterCredentials on each).
 */
function statementResource(action: string, resourceArn: string, resource: ConnectionResource): string | string[] {
  if (resource.kind === 'redshift' && action === 'redshift:GetClusterCredentials') {
    const at = resourceArn.slice(0, resourceArn.indexOf(':dbuser:') >= 0 ? resourceArn.indexOf(':dbuser:') : resourceArn.indexOf(':dbname:'));
    return [`${at}:dbuser:${resource.clusterIdentifier}/${resource.dbUser}`, `${at}:dbname:${resource.clusterIdentifier}/${resource.database}`];
  }
  if (!isS3Backed(resource) || !['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].includes(action)) return resourceArn;
  const { bucket, prefix } = s3LocationOf(resource);
  const arn = resourceArn.slice(0, resourceArn.indexOf(':s3:::') + 6);
  return `${arn}${bucket}/${prefix}*`;
}

/**
 * HOST_NOT_CANONICAL: found before any call from the connection alone, or by a Redshift probe that
 * learned the cluster's or workgroup's own endpoint (`evidence` then says how).
 */
export function diagnoseHostNotCanonical(connectionId: string, resource: ConnectionResource, problem: string, evidence?: Evidence[]): Diagnosis {
  const use = canonicalHosts(resource)[0] ?? /AWS gives ([^)\s]+)\)/.exec(problem)?.[1];
  const redshift = resource.kind === 'redshift' ? `the cluster's endpoint (aws redshift describe-clusters --cluster-identifier ${resource.clusterIdentifier})` : "the workgroup's endpoint (aws redshift-serverless get-workgroup)";
  return toDiagnosis(
    {
      code: 'HOST_NOT_CANONICAL',
      summary:
        `The endpoint host of connection "${connectionId}" ${problem}. Our dataplane reaches ${describeResource(resource)} over AWS's public endpoints only.` +
        (evidence ? '' : ' Nothing was sent to AWS.'),
      fix: use
        ? `The customer configures the connection with the host ${use} (or none, for the SDK's default endpoint of ${resource.region}).`
        : `The customer configures the connection with ${redshift}, made publicly accessible to our dataplane, or none.`,
    },
    evidence ?? [{ source: 'preflight', summary: `The host ${problem}` }],
  );
}
