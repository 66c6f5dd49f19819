// Status API: API Gateway HTTP API (payload format 2.0, IAM authorization) in front of the status
// table and the verification state machine. Thin on purpose: lib/api/router.ts does the work and the
// local server runs the same router over the sandbox.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiDependencies, ApiLog, handleApiRequest } from '../../lib/api/router';
import { internalErrorResponse } from '../../lib/api/responses';
import { lambdaHandler } from '../../lib/lambda-handler';
import { logger } from '../../lib/logger';
import { runtime } from '../../lib/runtime';
import { statusStoreAdapter } from '../../lib/adapters/status-store';
import { executionRecordsAdapter } from '../../lib/adapters/step-functions-executions';
import { workflowStarterAdapter } from '../../lib/adapters/step-functions-starter';

// The router logs plain objects; Powertools takes them as extra keys of the line.
const apiLog: ApiLog = {
  info: (message, extra = {}) => logger.info(message, extra),
  warn: (message, extra = {}) => logger.warn(message, extra),
  error: (message, extra = {}) => logger.error(message, extra),
};

// The event is never logged, whatever POWERTOOLS_LOGGER_LOG_EVENT says: a SigV4-signed request carries
// the caller's session token in x-amz-security-token. The router logs what support needs instead.
export const handler = lambdaHandler(
  async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    let deps: ApiDependencies;
    try {
      const { config, use } = runtime();
      deps = {
        statusStore: use(statusStoreAdapter),
        starter: use(workflowStarterAdapter),
        executions: use(executionRecordsAdapter),
        region: config.region,
        log: apiLog,
      };
    } catch (error) {
      // A deployment problem (configuration), not the caller's: a 500 with the request id, the cause in the log.
      logger.error('Status API not configured', error as Error);
      return internalErrorResponse(event.requestContext?.requestId ?? 'unknown');
    }
    return handleApiRequest(event, deps);
  },
  // The router logs the caller and the route; the request id is in the Lambda context keys.
  { logKeys: () => ({}) },
);
