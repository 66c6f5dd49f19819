// The events the workflow sends (lib/domain/outbound-events), as schemas: docs/events/sent/*.schema.json
// are generated from them for consumers, and the tests validate what was sent against those files.
// The compile-time checks at the end keep them and the domain's types the same shapes.
import * as z from 'zod';
import { DIAGNOSIS_CODES, DIAGNOSIS_SIDES, type DiagnosisCode } from '../domain/diagnosis/codes';
import { IDENTITY_MODES } from '../domain/identity-modes';
import { connectionResourceSchema } from './connection-resource';
import type {
  ConnectionActionRequiredDetail,
  ConnectionVerifiedDetail,
  DataplaneRoleReadyDetail,
  OnboardingFailedDetail,
  OutboundDetailType,
} from '../domain/outbound-events/outbound-events';

const dateTime = () => z.string().meta({ format: 'date-time' });
const code = z.enum(Object.keys(DIAGNOSIS_CODES) as [DiagnosisCode, ...DiagnosisCode[]]);

const common = {
  eventId: z
    .string()
    .meta({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' })
    .describe('The same for the same change of state of the same execution: drop an event whose eventId you have seen.'),
  tenantId: z.string(),
  occurredAt: dateTime().describe("When the state changed, on the workflow's clock."),
  execution: z.object({ id: z.string().describe('The execution ARN.'), startTime: dateTime() }),
};

export const missingPermissionSchema = z
  .object({
    action: z.string().describe('The action AWS refused, e.g. s3:ListBucket or kms:Decrypt.'),
    resource: z.string().describe('The resource it was refused on.'),
    statement: z.record(z.string(), z.unknown()).describe("The statement to add to the target role's permissions policy."),
    keyArn: z.string().describe('KMS_ACCESS_DENIED: the key, when AWS named it.').optional(),
    keyPolicyStatement: z
      .record(z.string(), z.unknown())
      .describe('KMS_ACCESS_DENIED: the statement the key policy needs when it does not let IAM policies decide.')
      .optional(),
  })
  .describe('DATA_ACCESS_DENIED, KMS_ACCESS_DENIED: what the target role lacks, and the exact statements that grant it.');

const connection = {
  ...common,
  connectionId: z.string(),
  roleArn: z.string().describe("The customer's target role."),
  externalId: z
    .object({ length: z.number().int(), fingerprint: z.string().meta({ pattern: '^[0-9a-f]{8}$' }) })
    .describe('Never the External ID: its length and the first 8 hex characters of its SHA-256.'),
  resource: connectionResourceSchema.optional(),
  attempt: z.number().int().min(1),
  summary: z.string(),
};

export const dataplaneRoleReadySchema = z
  .object({
    ...common,
    roleArn: z.string().describe('The role customers trust: <tenant>-dataplane-role.'),
    roleName: z.string().optional(),
    clusterName: z.string().optional(),
    roleOutcome: z.string().describe('created, converged or unchanged.').optional(),
    identity: z.enum(IDENTITY_MODES).describe('How the Spark pods get the role: irsa (the OIDC provider) or podIdentity (an EKS Pod Identity association).').optional(),
    customerTrustPolicy: z
      .object({ Version: z.string(), Statement: z.array(z.record(z.string(), z.unknown())) })
      .describe("The trust policy the customer pastes into their target role, with the External ID placeholder."),
    externalIdPlaceholder: z.string(),
  })
  .describe('The tenant\'s dataplane role is ready: hand its ARN and trust policy to the customer.');

export const onboardingFailedSchema = z
  .object({
    ...common,
    status: z.enum(['FAILED', 'INVALID_REQUEST']),
    summary: z.string(),
    error: z
      .object({
        name: z.string().describe('The stable error name, e.g. OidcProviderMissing (README, failure table).'),
        message: z.string(),
        problems: z.array(z.object({ field: z.string(), problem: z.string() })).optional(),
      })
      .optional(),
  })
  .describe('Onboarding ended without a ready role: FAILED (retry with `onboarding retry`) or INVALID_REQUEST (fix the request).');

export const connectionVerifiedSchema = z
  .object({
    ...connection,
    verifiedAt: dateTime(),
    warnings: z
      .array(z.object({ code, side: z.enum(DIAGNOSIS_SIDES), summary: z.string(), fix: z.string() }))
      .describe('What is wrong although the connection works, e.g. TRUST_NOT_PINNED.')
      .optional(),
  })
  .describe('The dataplane role can assume the customer\'s role with the External ID, and not without it.');

export const connectionActionRequiredSchema = z
  .object({
    ...connection,
    state: z
      .enum(['VERIFYING', 'DATA_ACCESS_REQUIRED', 'ACTION_REQUIRED'])
      .describe('VERIFYING: polling goes on; DATA_ACCESS_REQUIRED: the trust is verified, a permission probe failed, polling goes on; ACTION_REQUIRED: polling stopped.'),
    code,
    side: z.enum(DIAGNOSIS_SIDES).describe('Who must act.'),
    fix: z.string(),
    missingPermission: missingPermissionSchema.optional(),
    nextAttemptAt: dateTime().describe('While polling goes on: the next attempt.').optional(),
    pollingEndsAt: dateTime().describe('While polling goes on: when it stops if nothing changes.').optional(),
  })
  .describe('Someone must act for the connection to verify (docs/diagnosis-codes.md); sent when the diagnosis first appears, when it changes, and when polling stops.');

export const OUTBOUND_EVENT_SCHEMAS = {
  DataplaneRoleReady: dataplaneRoleReadySchema,
  OnboardingFailed: onboardingFailedSchema,
  ConnectionVerified: connectionVerifiedSchema,
  ConnectionActionRequired: connectionActionRequiredSchema,
} as const satisfies Record<OutboundDetailType, z.ZodType>;

// The schemas and the domain's types describe the same details, both ways (the trust policy is typed
// by the domain's policy document, which this schema only says is a Version and statements).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type WithPolicy<T> = Omit<T, 'customerTrustPolicy'> & { customerTrustPolicy: { Version: string; Statement: Record<string, unknown>[] } };
const sameShapes: [
  Same<z.output<typeof dataplaneRoleReadySchema>, WithPolicy<DataplaneRoleReadyDetail>>,
  Same<z.output<typeof onboardingFailedSchema>, OnboardingFailedDetail>,
  Same<z.output<typeof connectionVerifiedSchema>, ConnectionVerifiedDetail>,
  Same<z.output<typeof connectionActionRequiredSchema>, ConnectionActionRequiredDetail>,
] = [true, true, true, true];
void sameShapes;
