// Simulated STS: who the caller is. Role assumption is not simulated yet; its operations report
// themselves as unsupported rather than pretending to succeed.
import type { Operation, ServiceSimulator } from './simulation';

export class StsSimulator implements ServiceSimulator {
  readonly operations: Record<string, Operation> = {
    GetCallerIdentity: (_input, ctx) => ({
      UserId: ctx.principal.userId,
      Account: ctx.principal.accountId,
      Arn: ctx.principal.arn,
    }),
  };
}
