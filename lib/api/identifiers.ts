// Tenant and connection ids as they arrive in a URL, checked with their schemas
// (lib/schemas/api-path.ts): a malformed id is a 400 that says what is allowed.
import { connectionIdParamSchema, paramProblem, tenantIdParamSchema } from '../schemas/api-path';
import { ApiError } from './responses';

export { CONNECTION_ID_RULE, connectionIdProblem, quote, TENANT_ID_RULE } from '../schemas/api-path';

export function checkTenantId(tenantId: string): string {
  const problem = paramProblem(tenantIdParamSchema, tenantId);
  if (problem) throw new ApiError('BadRequest', problem);
  return tenantId;
}

export function checkConnectionId(connectionId: string): string {
  const problem = paramProblem(connectionIdParamSchema, connectionId);
  if (problem) throw new ApiError('BadRequest', problem);
  return connectionId;
}
