// What the status API answers, one schema per shape: the views' types are inferred from them
// (lib/api/status-view.ts), so the code cannot build another shape than the one documented, and
// docs/openapi.yaml's response schemas are drawn from them (npm run docs:schemas). Every enumeration
// is the constant the code decides with.
import * as z from 'zod';
import { IDENTITY_MODES } from '../domain/identity-modes';
import { DIAGNOSIS_CODES, DIAGNOSIS_SIDES, type DiagnosisCode, EVIDENCE_ORIGINS, EVIDENCE_SOURCES } from '../domain/diagnosis';
import { CONNECTION_STATES, ONBOARDING_STATUSES, VERIFICATION_STATES } from '../domain/status';
import { PROBE_NAMES } from '../domain/probes/probe-steps';
import { DETAIL_TYPES } from '../schemas/detail-types';
import { connectionResourceSchema } from '../schemas/connection-resource';
import { missingPermissionSchema } from '../schemas/outbound-events';
import { API_ERROR_CODES } from './responses';

const dateTime = () => z.string().meta({ format: 'date-time' });
const problems = () => z.array(z.object({ field: z.string(), problem: z.string() }));

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string().describe('What was wrong and what is allowed.'),
      requestId: z.string().describe('The API Gateway request id, to quote to support.').optional(),
    }),
  })
  ;

export const executionViewSchema = z
  .object({
    id: z.string().describe('The Step Functions execution ARN.'),
    startTime: dateTime(),
    consoleUrl: z
      .string()
      .meta({ format: 'uri' })
      .describe('The execution in the Step Functions console; absent when `id` is not an execution ARN.')
      .optional(),
  })
  ;

export const statusErrorSchema = z
  .object({
    name: z.string().meta({ examples: ['OidcProviderMissing'] }),
    message: z.string(),
    problems: problems().optional(),
  })
  .describe('Why onboarding failed (status FAILED or INVALID_REQUEST).');

export const verificationViewSchema = z
  .object({
    state: z.enum(VERIFICATION_STATES),
    summary: z.string(),
    verified: z.array(z.string()),
    actionRequired: z.array(z.string()),
    verifying: z.array(z.string()),
    updatedAt: dateTime().optional(),
    execution: executionViewSchema,
  })
  ;

export const externalIdFingerprintSchema = z
  .strictObject({
    length: z.number().int().min(0),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{8}$/)
      .describe('The first 8 hex characters of the SHA-256 of the External ID.'),
  })
  .describe('Never the External ID itself.');

export const evidenceViewSchema = z
  .object({
    source: z.enum(EVIDENCE_SOURCES),
    summary: z.string(),
    at: dateTime().optional(),
    eventId: z.string().describe('The CloudTrail event id (in our account).').optional(),
    principalArn: z.string().optional(),
    sessionName: z.string().optional(),
    errorCode: z.string().optional(),
    errorMessage: z.string().optional(),
    origin: z
      .enum(EVIDENCE_ORIGINS)
      .describe("A CloudTrail record of our verifier's call or of the tenant's real Spark dataplane.")
      .optional(),
  })
  ;

export const diagnosisViewSchema = z
  .object({
    code: z.enum(Object.keys(DIAGNOSIS_CODES) as [DiagnosisCode, ...DiagnosisCode[]]),
    side: z.enum(DIAGNOSIS_SIDES).describe('Who must act; transient: nobody, retrying is enough.'),
    summary: z.string(),
    fix: z.string(),
    evidence: z.array(evidenceViewSchema),
    policyType: z.string().describe('EXPLICIT_DENY: the policy type AWS named.').optional(),
    rawMessage: z.string().describe('UNKNOWN: the STS message, External IDs withheld.').optional(),
    missingPermission: missingPermissionSchema.optional(),
  })
  .describe('Why the latest attempt was not verified, who must act, and what to change (docs/diagnosis-codes.md).');

export const connectionViewSchema = z
  .object({
    connectionId: z.string(),
    roleArn: z.string().describe("The customer's target role."),
    externalId: externalIdFingerprintSchema,
    state: z.enum(CONNECTION_STATES),
    summary: z.string(),
    attempts: z.number().int().min(0),
    lastAttemptAt: dateTime().optional(),
    resource: connectionResourceSchema.optional(),
    nextAttemptAt: dateTime().describe('While VERIFYING or DATA_ACCESS_REQUIRED: when the next attempt is due.').optional(),
    verifiedAt: dateTime().optional(),
    updatedAt: dateTime().optional(),
    diagnosis: diagnosisViewSchema.optional(),
    warnings: z
      .array(diagnosisViewSchema)
      .describe('Once the trust is verified: what is wrong although it works, e.g. TRUST_NOT_PINNED (docs/diagnosis-codes.md).')
      .optional(),
    probes: z
      .array(
        z.object({
          probe: z.enum(PROBE_NAMES),
          action: z.string().describe('The IAM action the probe exercised.'),
          resource: z.string(),
          outcome: z.enum(['passed', 'failed', 'skipped']),
          note: z.string().optional(),
        }),
      )
      .describe("The permission probes of the latest attempt that got past the trust, in order; absent for a connection that names no resource.")
      .optional(),
    execution: executionViewSchema,
  })
  ;

export const listedConnectionViewSchema = connectionViewSchema
  .extend({ tenantId: z.string().describe('The tenant the connection belongs to.') })
  .describe("A connection's status, with its tenant.");

export const connectionListSchema = z.object({
  status: z.enum(CONNECTION_STATES).describe('The state listed.'),
  connections: z
    .array(listedConnectionViewSchema)
    .describe(
      'Most recently updated first. For ACTION_REQUIRED, updatedAt is when verification settled there: nothing writes the ' +
        'status again until a new run starts.',
    ),
  nextToken: z.string().describe('Pass it back as nextToken for the next page; absent on the last page.').optional(),
});

export const tenantStatusViewSchema = z
  .object({
    tenantId: z.string(),
    status: z.enum(ONBOARDING_STATUSES),
    summary: z.string(),
    dataplaneRole: z
      .object({
        name: z.string().meta({ examples: ['acme-dataplane-role'] }).optional(),
        arn: z.string().describe('The ARN the customer trusts in their target roles.').optional(),
        outcome: z.string().describe('What onboarding did to the role: created, converged or unchanged.').optional(),
        changedAt: dateTime()
          .describe('When onboarding last created or changed it (IAM takes up to ~2 minutes to apply a change).')
          .optional(),
      })
      .describe('Absent until onboarding has chosen the role.')
      .optional(),
    cluster: z
      .object({
        name: z.string().optional(),
        namespace: z.string().optional(),
        serviceAccount: z.string().optional(),
        identity: z
          .enum(IDENTITY_MODES)
          .describe('How the Spark pods get the role: irsa (the OIDC provider) or podIdentity (an EKS Pod Identity association).')
          .optional(),
        oidcIssuer: z.string().meta({ format: 'uri' }).describe('IRSA only.').optional(),
        oidcProviderArn: z.string().describe('IRSA only.').optional(),
        podIdentityAssociationId: z.string().describe("EKS Pod Identity only: the Spark ServiceAccount's association.").optional(),
      })
      .optional(),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    execution: executionViewSchema,
    error: statusErrorSchema.optional(),
    verification: verificationViewSchema.optional(),
    lastRejectedEvent: z
      .object({
        eventId: z.string().optional(),
        detailType: z.enum(DETAIL_TYPES).optional(),
        reason: z.string(),
        problems: problems(),
        rejectedAt: dateTime(),
      })
      .describe(
        'The latest event about this tenant that was rejected (nothing was started for it) and why. ' +
          "The status itself stays what the tenant's executions recorded.",
      )
      .optional(),
    connections: z.array(connectionViewSchema).describe('Sorted by connection id.'),
  })
  ;

export const verificationStartedSchema = z
  .object({
    executionArn: z.string(),
    executionId: z.string().describe('The execution name (the last part of its ARN).'),
    alreadyStarted: z
      .boolean()
      .describe('True when this Idempotency-Key (or request) had already started the execution: nothing new started.'),
    consoleUrl: z.string().meta({ format: 'uri' }).optional(),
    statusUrl: z.string().describe('Same as the Location header.'),
  })
  ;

/** The response schemas by component name, as docs/openapi.yaml names them. */
export const RESPONSE_SCHEMAS = {
  Error: errorResponseSchema,
  Execution: executionViewSchema,
  TenantStatus: tenantStatusViewSchema,
  StatusError: statusErrorSchema,
  VerificationSummary: verificationViewSchema,
  ExternalIdFingerprint: externalIdFingerprintSchema,
  Connection: connectionViewSchema,
  Diagnosis: diagnosisViewSchema,
  Evidence: evidenceViewSchema,
  VerificationStarted: verificationStartedSchema,
  ConnectionList: connectionListSchema,
  ListedConnection: listedConnectionViewSchema,
} as const;
