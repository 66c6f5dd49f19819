// The diagnosis commands: an STS error or CloudTrail record diagnosed, a trust policy explained.
import { diagnoseStsError, formatDiagnosis } from '../domain/diagnosis';
import { CloudTrailInputError, describeRecord, diagnoseCloudTrail, stsErrorContext } from './diagnose-input';
import { explainTrustPolicy, TrustPolicyExplanation } from '../domain/diagnosis/trust-policy';
import { UsageError } from './usage-error';
import { readJsonFile } from './json-file';
import { Io } from './output';
import { EXIT_FAILED, EXIT_OK } from './exit-codes';

export function diagnose(options: { stsError?: string; cloudtrail?: string; cloudtrailEvent?: string; json?: boolean }, io: Io): number {
  const cloudtrail = options.cloudtrail ?? options.cloudtrailEvent;
  if (Boolean(options.stsError) === Boolean(cloudtrail) || (options.cloudtrail && options.cloudtrailEvent)) {
    throw new UsageError('give exactly one of --sts-error FILE or --cloudtrail FILE');
  }
  if (options.stsError) {
    const error = readJsonFile(options.stsError, 'STS error') as { name?: unknown; message?: unknown };
    if (typeof error?.name !== 'string' || typeof error.message !== 'string') {
      throw new UsageError(`STS error ${options.stsError} must be a JSON object { "name": string, "message": string }`);
    }
    const { ctx, stage } = stsErrorContext(error.message);
    const diagnosis = diagnoseStsError({ name: error.name, message: error.message }, ctx, stage);
    io.out(options.json ? JSON.stringify(diagnosis, null, 2) : formatDiagnosis(diagnosis));
    return EXIT_OK;
  }
  const json = readJsonFile(cloudtrail!, 'CloudTrail file');
  let result: ReturnType<typeof diagnoseCloudTrail>;
  try {
    result = diagnoseCloudTrail(json);
  } catch (error) {
    if (error instanceof CloudTrailInputError) throw new UsageError(`CloudTrail file ${cloudtrail}: ${error.message}`);
    throw error;
  }
  if (options.json) {
    io.out(JSON.stringify({ file: cloudtrail, ...result }, null, 2));
  } else {
    const total = result.diagnoses.length + result.skipped.length;
    io.out(`${cloudtrail}: ${total} ${total === 1 ? 'record' : 'records'}, ${result.diagnoses.length} failed role ${result.diagnoses.length === 1 ? 'assumption' : 'assumptions'} explained below.`);
    for (const { record, diagnosis } of result.diagnoses) {
      io.out('');
      io.out(`== ${describeRecord(record)}`);
      io.out(formatDiagnosis(diagnosis));
    }
    if (result.skipped.length > 0) {
      io.out('');
      io.out('Not diagnosed:');
      for (const { record, reason } of result.skipped) io.out(`  - ${describeRecord(record)}: ${reason}`);
    }
  }
  // A file with no denial to explain is not what support was looking for: say so in the exit code.
  return result.diagnoses.length > 0 ? EXIT_OK : EXIT_FAILED;
}

export function explain(options: { trustPolicy: string; principal: string; externalId?: string; json?: boolean }, io: Io): number {
  const policy = readJsonFile(options.trustPolicy, 'trust policy');
  let explanation: TrustPolicyExplanation;
  try {
    explanation = explainTrustPolicy(policy, {
      principalArn: options.principal,
      ...(options.externalId !== undefined ? { externalId: options.externalId } : {}),
    });
  } catch (error) {
    throw new UsageError(`trust policy ${options.trustPolicy}: ${(error as Error).message}`);
  }
  if (options.json) {
    io.out(JSON.stringify(explanation, null, 2));
  } else {
    const unknown = explanation.unknownKeys ? ` (${explanation.unknownKeys.join(', ')})` : '';
    io.out(`Decision: ${explanation.decision}${unknown}${explanation.externalIdRequired ? '' : ' (External ID NOT required)'}`);
    io.out(explanation.summary);
    for (const st of explanation.statements) {
      io.out(`  Statement ${st.sid ?? `#${st.index}`} (${st.effect}): ${st.applies ? 'applies' : 'does not apply'}`);
      for (const reason of st.reasons) io.out(`    - ${reason}`);
    }
    if (explanation.fix) io.out(`Fix: ${explanation.fix}`);
    if (explanation.correctedPolicy) io.out(`Corrected policy:\n${JSON.stringify(explanation.correctedPolicy, null, 2)}`);
  }
  // Allowed only if the redacted External ID is the connection's: the policy is right, the value is compared by fingerprint.
  const allowed = explanation.decision === 'allowed' || explanation.decision === 'allowedIfExternalIdMatches';
  return allowed && explanation.externalIdRequired ? EXIT_OK : EXIT_FAILED;
}
