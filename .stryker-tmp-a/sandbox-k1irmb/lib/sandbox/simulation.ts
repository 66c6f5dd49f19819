// @ts-nocheck
// What every simulated service sees of a call, and the AWS-style input validation they share.
import { awsError, type SimulatedService } from './service-errors';

/** Who is calling: the identity behind the access key the client signed with. */
export interface Principal {
  accountId: string;
  /** e.g. arn:aws:sts::111111111111:assumed-role/<role>/<session> */
  arn: string;
  /** What GetCallerIdentity reports as UserId, e.g. AROA...:<session> */
  userId: string;
  /** Present for a session of an IAM role; its permissions are the role's, narrowed by the session policy. */
  session?: RoleSession;
}

/** What STS fixed when it issued a role session. */
export interface RoleSession {
  /** The role's ARN, with its path. */
  roleArn: string;
  roleName: string;
  /** The role's unique id when the session was issued: a recreated role has another. */
  roleId: string;
  sessionName: string;
  /** The inline session policy passed to AssumeRole, as JSON text. */
  policy?: string;
  /** Issued to a caller that was itself a role session (role chaining): capped at one hour. */
  chained: boolean;
  issuedAt: number;
  /** Milliseconds since the epoch; absent for sessions the sandbox made up (the functions' own). */
  expiresAt?: number;
  sourceIdentity?: string;
  tags: Record<string, string>;
}

export interface CallContext {
  /** The caller's account: IAM state is per account, EKS and SQS per account and region. */
  accountId: string;
  /** The region the client was configured with. */
  region: string;
  principal: Principal;
  /** Milliseconds since the epoch, from the sandbox's clock. */
  now: number;
  /** The access key the client signed with, when it had one the sandbox issued. */
  accessKeyId?: string;
  /** The request id the response will carry (CloudTrail records it as requestID). */
  requestId?: string;
  /** The User-Agent the SDK sends, as CloudTrail records it. */
  userAgent?: string;
  /** The caller's address as CloudTrail records it. */
  sourceIpAddress?: string;
}

/** Inputs arrive as the SDK passes them: untyped here, checked by each operation as AWS would. */
export type Operation = (input: any, ctx: CallContext) => Record<string, unknown>;

export interface ServiceSimulator {
  readonly operations: Readonly<Record<string, Operation>>;
}

/**
 * Collects constraint violations and reports them all in one error, worded as AWS's request
 * validation words them ("2 validation errors detected: Value 'x' at 'roleName' failed to ...").
 */
export class Constraints {
  private readonly problems: string[] = [];

  constructor(private readonly service: SimulatedService, private readonly code = 'ValidationError') {}

  /** False (and a problem recorded) when the value is missing. */
  required(field: string, value: unknown): boolean {
    if (value === undefined || value === null) {
      this.problems.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return false;
    }
    return true;
  }

  length(field: string, value: string | unknown[] | undefined, min: number, max: number): void {
    if (value === undefined) return;
    const shown = describe(value);
    if (value.length < min) {
      this.problems.push(`Value ${shown} at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    } else if (value.length > max) {
      this.problems.push(`Value ${shown} at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    }
  }

  pattern(field: string, value: string | undefined, regex: RegExp, shownPattern: string): void {
    if (value === undefined || value.length === 0) return;
    if (!regex.test(value)) {
      this.problems.push(`Value ${describe(value)} at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${shownPattern}`);
    }
  }

  range(field: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined) return;
    if (value < min) {
      this.problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    } else if (value > max) {
      this.problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    }
  }

  throwIfAny(): void {
    const n = this.problems.length;
    if (n === 0) return;
    throw awsError(this.service, this.code, `${n} validation error${n > 1 ? 's' : ''} detected: ${this.problems.join('; ')}`);
  }
}

function describe(value: string | unknown[]): string {
  return typeof value === 'string' ? `'${value}'` : `'[${value.join(', ')}]'`;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
