// Diagnosis of a failed role assumption: which of the STS failures it is, which side must act, and
// what exactly to change. Written for a support engineer who pastes it to the customer.
//
// Two facts shape this module. Cross-account, AWS answers AccessDenied with no reason whenever the
// target role's trust policy does not allow the call — and also when the role does not exist — so the
// diagnosis lists the usual causes instead of pretending to know which one it is. And the customer's
// account logs nothing for a denied cross-account call: only our CloudTrail records it, for our
// verifier and for the tenant's real Spark dataplane alike, so those records are the evidence we have.
//
// External IDs never appear in clear: STS echoes an invalid one in its ValidationError message and
// CloudTrail records it in requestParameters; both are withheld here and described by a fingerprint.
//
// codes.ts names every diagnosis; sts-errors.ts classifies STS errors, cloudtrail.ts CloudTrail records,
// verifier-findings.ts what the verifier itself observed; formatting.ts prints one for a person.
import type { ExternalIdFingerprint } from '../../external-id';
import { DATAPLANE_INLINE_POLICY_NAME } from '../onboarding/policies';

export type DiagnosisCode =
  | 'TRUST_POLICY_DENIED'
  | 'EXTERNAL_ID_NOT_ENFORCED'
  | 'TRUST_NOT_PINNED'
  | 'EXTERNAL_ID_INVALID'
  | 'ROLE_ARN_INVALID'
  | 'ROLE_ARN_IS_DATAPLANE_ROLE'
  | 'EXPLICIT_DENY'
  | 'IDENTITY_POLICY_DENIED'
  | 'DATAPLANE_ROLE_UNASSUMABLE'
  | 'REGION_DISABLED'
  | 'SESSION_DURATION_EXCEEDED'
  | 'OIDC_PROVIDER_MISSING'
  | 'IRSA_TRUST_MISMATCH'
  | 'DATAPLANE_IDENTITY_NOT_USED'
  | 'DATA_ACCESS_DENIED'
  | 'KMS_ACCESS_DENIED'
  | 'BUCKET_NOT_FOUND'
  | 'BUCKET_IN_OTHER_REGION'
  | 'WORKGROUP_NOT_FOUND'
  | 'CLUSTER_NOT_FOUND'
  | 'HOST_NOT_CANONICAL'
  | 'THROTTLED'
  | 'PROPAGATION_PENDING'
  | 'UNKNOWN';

/** Who must act: the customer, us (the vendor), or nobody (retrying is enough). */
export const DIAGNOSIS_SIDES = ['customer', 'vendor', 'transient'] as const;
export type DiagnosisSide = (typeof DIAGNOSIS_SIDES)[number];

/**
 * Where a piece of evidence comes from: our checks before any call, STS's answer, CloudTrail, the
 * verifier, or a permission probe's call to the customer's data service.
 */
export const EVIDENCE_SOURCES = ['preflight', 'sts', 'cloudtrail', 'verifier', 'probe'] as const;
/** Whose call a CloudTrail record is: our verifier's, or a real Spark session of the dataplane role. */
export const EVIDENCE_ORIGINS = ['verifier', 'dataplane'] as const;

export interface Evidence {
  source: (typeof EVIDENCE_SOURCES)[number];
  summary: string;
  at?: string;
  eventId?: string;
  principalArn?: string;
  sessionName?: string;
  errorCode?: string;
  errorMessage?: string;
  /** For CloudTrail records: our verifier's call, or a real Spark session of the dataplane role. */
  origin?: (typeof EVIDENCE_ORIGINS)[number];
}

export interface Diagnosis {
  code: DiagnosisCode;
  side: DiagnosisSide;
  summary: string;
  fix: string;
  evidence: Evidence[];
  /** UNKNOWN keeps the raw STS message (External ID values withheld). */
  rawMessage?: string;
  /** EXPLICIT_DENY: the policy type AWS named, e.g. "service control policy". */
  policyType?: string;
  /** DATA_ACCESS_DENIED, KMS_ACCESS_DENIED: what the target role lacks, and the statements that grant it. */
  missingPermission?: MissingPermission;
}

/** A permission a probe found missing: the action, on what, and the exact statements to add. */
export interface MissingPermission {
  action: string;
  resource: string;
  /** The statement to add to the target role's permissions policy. */
  statement: Record<string, unknown>;
  /** KMS_ACCESS_DENIED: the key, when AWS named it. */
  keyArn?: string;
  /** KMS_ACCESS_DENIED: the statement the key policy needs when it does not delegate to IAM policies. */
  keyPolicyStatement?: Record<string, unknown>;
}

export interface DiagnosisContext {
  tenantId: string;
  dataplaneRoleArn: string;
  targetRoleArn: string;
  vendorAccountId: string;
  externalId?: ExternalIdFingerprint;
}

/**
 * What is known about a failed call when it is not our verifier's own: a pasted STS message names
 * the roles only when it says "User: ... on resource: ...". Each part is either known or absent — a
 * rule that needs a part (a role of ours named as the target, an account that is ours) cannot fire
 * without it, and texts describe an unknown part instead of printing it blank.
 */
export type KnownContext = Partial<DiagnosisContext> & {
  /**
   * A session of a role of ours that is neither a dataplane role nor the verifier's, named as the caller
   * of a refused call on a customer's role: the Spark pods did not get the dataplane role.
   */
  otherCaller?: string;
};

/**
 * Session names of the verifier start with this (the dataplane role's trust policy only lets the
 * verifier in with `sts:RoleSessionName` like `verify-*`), which is how CloudTrail tells its calls
 * from the tenant's real Spark sessions.
 */
export const DEFAULT_VERIFIER_SESSION_PREFIX = 'verify-';

export const DIAGNOSIS_CODES: Record<DiagnosisCode, { side: DiagnosisSide; title: string; meaning: string; whatToDo: string }> = {
  TRUST_POLICY_DENIED: {
    side: 'customer',
    title: "The target role's trust policy does not allow our dataplane role",
    meaning:
      'sts:AssumeRole as the tenant\'s dataplane role, with the configured External ID, was denied with no reason given. ' +
      'Cross-account, AWS gives this same answer when the trust policy does not allow the call and when the role does not exist.',
    whatToDo:
      'Customer: in the target role\'s trust policy, Principal.AWS must be exactly the dataplane role ARN; the condition must be ' +
      'StringEquals "sts:ExternalId" with the External ID of the connection, byte for byte (no trailing space or newline); the ' +
      'role must exist under exactly the name and path in the connection. A Principal shown as an ID starting with AROA means ' +
      'the trusted role was deleted and recreated after the policy was saved: enter the ARN again.',
  },
  EXTERNAL_ID_NOT_ENFORCED: {
    side: 'customer',
    title: 'The target role does not require the External ID',
    meaning:
      'Assuming the role WITHOUT an External ID also succeeded, so the role is open to the confused-deputy problem: anyone who ' +
      'can act as the dataplane role could reach it. The connection is not verified.',
    whatToDo:
      'Customer: add "Condition": {"StringEquals": {"sts:ExternalId": "<the External ID of the connection>"}} to the trust ' +
      'policy statement that allows the dataplane role.',
  },
  TRUST_NOT_PINNED: {
    side: 'customer',
    title: 'The target role trusts more than our dataplane role (a warning)',
    meaning:
      'The connection verified, and then a second identity of ours that is not the tenant\'s dataplane role (the stack\'s ' +
      'permissionless trust probe role) assumed the target role with the External ID too. So the trust policy trusts our whole ' +
      'account or more (a Principal of our account root, "*", or a wider condition), and any principal of ours that learns the ' +
      'External ID could reach the role. The connection stays VERIFIED; the warning stays on it until a run finds the trust pinned.',
    whatToDo:
      'Customer: in the trust policy statement that allows sts:AssumeRole with the External ID, set "Principal": {"AWS": ' +
      '"<the dataplane role ARN>"} (the diagnosis gives the exact text), then ask for a re-run.',
  },
  EXTERNAL_ID_INVALID: {
    side: 'customer',
    title: 'The External ID is not one AWS accepts',
    meaning:
      'The External ID is not 2-1224 characters from letters, digits and _+=,.@:/- — found before calling AWS, or rejected ' +
      'by STS with a ValidationError. A trailing space or newline pasted with the value is the most common cause.',
    whatToDo:
      'Customer: re-enter the External ID in the connection without whitespace, and use exactly the same value for ' +
      '"sts:ExternalId" in the trust policy.',
  },
  ROLE_ARN_INVALID: {
    side: 'customer',
    title: 'The target role ARN is not a valid IAM role ARN',
    meaning:
      'The role ARN in the connection is not of the form arn:<partition>:iam::<12-digit account id>:role/<path/><name> — for ' +
      'example an S3 bucket ARN, an instance profile or user ARN, a missing colon, whitespace, or another partition than ours.',
    whatToDo: 'Customer: copy the role\'s ARN from IAM > Roles > <role> in their account and enter it in the connection.',
  },
  ROLE_ARN_IS_DATAPLANE_ROLE: {
    side: 'customer',
    title: "The connection names our dataplane role instead of the customer's role",
    meaning:
      'The target role ARN is the tenant\'s dataplane role, a role in our account, or a role named like our dataplane roles: ' +
      'the customer entered the ARN we gave them for the trust policy\'s Principal.',
    whatToDo:
      'Customer: keep the dataplane role ARN as the Principal of the trust policy, and enter their own target role\'s ARN in ' +
      'the connection.',
  },
  EXPLICIT_DENY: {
    side: 'vendor',
    title: 'A policy explicitly denies the call',
    meaning:
      'AWS named the policy type that denies sts:AssumeRole (or, for service control policies, that none allows it). Service ' +
      'control policies, permissions boundaries, identity-based and session policies govern the caller, so they are ours; a ' +
      'resource control policy or a Deny in the trust policy is the customer\'s.',
    whatToDo:
      'Whoever owns the named policy type amends it to let the dataplane role assume the target role; the diagnosis says who ' +
      '(side) and, when AWS gives it, which policy.',
  },
  IDENTITY_POLICY_DENIED: {
    side: 'vendor',
    title: 'Our dataplane role is not allowed to call sts:AssumeRole',
    meaning:
      'None of the policies that govern our dataplane role (its identity-based policies, its permissions boundary or the ' +
      'session policy) allows sts:AssumeRole on the target role. This is our side\'s fault, not the customer\'s.',
    whatToDo:
      `Vendor: re-run onboarding so the dataplane role's inline policy ${DATAPLANE_INLINE_POLICY_NAME} is converged, and check the ` +
      'permissions boundary allows sts:AssumeRole on customer roles.',
  },
  DATAPLANE_ROLE_UNASSUMABLE: {
    side: 'vendor',
    title: "Our verifier could not assume the tenant's dataplane role",
    meaning:
      'The first hop failed: the verification function could not become the dataplane role, so the customer\'s role was not ' +
      'tested at all.',
    whatToDo:
      'Vendor: re-run onboarding to converge the dataplane role and its trust policy (the verifier statement), and check the ' +
      'verification function\'s execution role allows sts:AssumeRole on it. The customer has nothing to do.',
  },
  REGION_DISABLED: {
    side: 'customer',
    title: "STS is deactivated in that region of the role's account",
    meaning:
      'STS refused to issue credentials for the target role because the regional STS endpoint we called is deactivated in ' +
      'the role\'s account (RegionDisabledException).',
    whatToDo:
      'Customer: activate the region in IAM > Account settings > Security Token Service (STS). Or we verify through another ' +
      'region\'s STS endpoint.',
  },
  SESSION_DURATION_EXCEEDED: {
    side: 'vendor',
    title: 'We asked for a session longer than allowed',
    meaning:
      'Our AssumeRole call asked for a DurationSeconds above the 1-hour cap of role chaining (or the role\'s maximum session ' +
      'duration). A defect in our call, not in the customer\'s role.',
    whatToDo: 'Vendor: request at most 3600 seconds for chained sessions (the verifier uses 900). The customer has nothing to do.',
  },
  OIDC_PROVIDER_MISSING: {
    side: 'vendor',
    title: "The cluster's IAM OIDC provider is missing in our account",
    meaning:
      'The tenant\'s Spark pods cannot get credentials for the dataplane role through IRSA: IAM in our account has no OpenID ' +
      'Connect provider for the cluster\'s issuer.',
    whatToDo:
      'Vendor: re-run onboarding so the provider is created for the cluster\'s issuer (client id sts.amazonaws.com). The customer ' +
      'has nothing to do.',
  },
  IRSA_TRUST_MISMATCH: {
    side: 'vendor',
    title: "The Spark pods' token does not match the dataplane role's IRSA trust",
    meaning:
      'sts:AssumeRoleWithWebIdentity on the dataplane role was refused: the namespace, ServiceAccount or audience in its trust ' +
      'policy does not match the pod\'s token, or it trusts another cluster\'s OIDC provider.',
    whatToDo:
      'Vendor: re-run onboarding with the Spark pods\' namespace and ServiceAccount (chart defaults qualytics / qualytics-spark) so ' +
      'the trust policy converges, then restart the Spark drivers. The customer has nothing to do.',
  },
  DATA_ACCESS_DENIED: {
    side: 'customer',
    title: 'The target role cannot reach the data the connection names',
    meaning:
      'The trust is verified, but a permission probe made as the target role was denied: the role lacks an S3, Athena or Redshift ' +
      'permission the product needs on the connection\'s bucket, prefix or workgroup (or a policy denies it explicitly). The ' +
      'diagnosis names the action and resource AWS named and gives the exact statement to add. The connection is ' +
      'DATA_ACCESS_REQUIRED and polling goes on.',
    whatToDo:
      'Customer: add the statement given in the diagnosis to the target role\'s permissions policy (or remove the Deny that the ' +
      'diagnosis names), then wait for the next attempt or ask for a re-run.',
  },
  KMS_ACCESS_DENIED: {
    side: 'customer',
    title: "The target role cannot use the bucket's KMS key",
    meaning:
      'S3 refused a probe because the target role may not use the KMS key that encrypts the objects: reading an SSE-KMS object ' +
      'needs kms:Decrypt, writing one kms:GenerateDataKey. AWS names the key and the action; "no resource-based policy" means ' +
      'the key policy does not allow the role (nor delegate to IAM policies).',
    whatToDo:
      'Customer: add the kms statement given in the diagnosis to the target role\'s permissions policy; when the key policy does ' +
      'not allow the account\'s IAM policies (no "arn:aws:iam::<account>:root" statement), also add the key policy statement given.',
  },
  BUCKET_NOT_FOUND: {
    side: 'customer',
    title: 'The bucket the connection names does not exist',
    meaning: 'S3 answered NoSuchBucket for the bucket of the connection (or of the Athena workgroup\'s results location).',
    whatToDo: 'Customer: correct the bucket name in the connection (names are lowercase, without s3:// or a path).',
  },
  BUCKET_IN_OTHER_REGION: {
    side: 'customer',
    title: 'The bucket is in another region than the connection says',
    meaning:
      'The bucket exists, but in another region than the one configured on the connection, so the product\'s S3 client ' +
      'would be redirected and fail. The diagnosis gives the bucket\'s region when S3 named it.',
    whatToDo: 'Customer: set the connection\'s region to the bucket\'s region.',
  },
  WORKGROUP_NOT_FOUND: {
    side: 'customer',
    title: 'The Athena or Redshift Serverless workgroup does not exist in that region, or is disabled',
    meaning:
      'Athena (or Redshift Serverless) answered that the workgroup is not found in the connection\'s region and account, or ' +
      'the Athena workgroup is DISABLED, where no query can run.',
    whatToDo: 'Customer: correct the workgroup name or region in the connection, or enable the workgroup.',
  },
  CLUSTER_NOT_FOUND: {
    side: 'customer',
    title: 'The Redshift cluster does not exist in that region',
    meaning: 'Redshift answered ClusterNotFound for the connection\'s cluster identifier, in its region and the target role\'s account.',
    whatToDo: 'Customer: correct the cluster identifier or region in the connection.',
  },
  HOST_NOT_CANONICAL: {
    side: 'customer',
    title: "The connection's endpoint host is not AWS's public endpoint",
    meaning:
      'The connection names a VPC endpoint (vpce-…) or a private DNS host, or, for Redshift, a host that is not the cluster\'s ' +
      'or workgroup\'s own endpoint (a Redshift-managed VPC endpoint). Our dataplane runs in our VPC and reaches the customer\'s ' +
      'data over AWS\'s public endpoints; a VPC endpoint of the customer\'s is reachable only from their VPC. Found before any ' +
      'call, or by the Redshift probe that reads the endpoint.',
    whatToDo:
      'Customer: configure the connection with the canonical endpoint the diagnosis gives (or none, for the default). To keep ' +
      'traffic to their VPC endpoints, restrict the bucket with aws:PrincipalArn instead of aws:SourceVpce.',
  },
  DATAPLANE_IDENTITY_NOT_USED: {
    side: 'vendor',
    title: "The tenant's Spark pods called without the dataplane role",
    meaning:
      "A call to the customer's role came from a role of our account that is neither a dataplane role nor the verifier — " +
      "typically the EKS node's instance role (session i-…), which the AWS SDK falls back to when a pod gets no credentials " +
      'of its own. The pods did not get <tenant>-dataplane-role: in EKS Pod Identity mode the ServiceAccount has no pod ' +
      'identity association, or the eks-pod-identity-agent add-on is not running; in IRSA mode the ServiceAccount lacks the ' +
      'role annotation (or the pod started before it was set). The customer\'s trust policy rightly refuses this caller.',
    whatToDo:
      'We: `onboarding retry <tenant>` (it re-creates the pod identity association, and fails with PodIdentityAgentMissing ' +
      'naming the create-addon command when the agent is gone; in IRSA mode, check the ServiceAccount annotation ' +
      'eks.amazonaws.com/role-arn), then restart the Spark pods. The customer has nothing to change.',
  },
  THROTTLED: {
    side: 'transient',
    title: 'AWS throttled the call',
    meaning:
      'STS, or S3, Athena or Redshift during a permission probe, rate-limited our call (or failed on its side). It says nothing about the ' +
      'role; the attempt is retried with backoff.',
    whatToDo: 'Nothing: we retry. If it persists, look for other callers of STS in our account and region.',
  },
  PROPAGATION_PENDING: {
    side: 'transient',
    title: 'A recent IAM change may not have reached STS yet',
    meaning:
      'The denial came within the IAM propagation window (up to about 2 minutes after a role or trust policy change), so it ' +
      'is not reported as final; the underlying diagnosis is kept in case it persists.',
    whatToDo: 'Nothing yet: we try again after the window. If it persists, the underlying diagnosis applies.',
  },
  UNKNOWN: {
    side: 'vendor',
    title: 'A failure we do not recognise',
    meaning: 'STS failed in a way this product does not classify. The raw message is kept (External ID values withheld).',
    whatToDo: 'Support: look the call up in our CloudTrail and escalate to engineering with the diagnosis.',
  },
};

