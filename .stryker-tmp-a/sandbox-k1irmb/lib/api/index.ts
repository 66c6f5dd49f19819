// @ts-nocheck
// The status API: the router the Lambda handler and the local server share, and the local server.
export { handleApiRequest, type ApiDependencies, type ApiEvent, type ApiLog } from './router';
export { startLocalApi, localApiEvent, type LocalApi, type LocalApiOptions } from './local-server';
export { ROUTES, type Route, type RouteName } from './routes';
export { ApiError, type ApiErrorBody, type ApiErrorCode } from './responses';
export {
  executionConsoleUrl,
  tenantStatusView,
  connectionView,
  type TenantStatusView,
  type ConnectionView,
  type DiagnosisView,
  type ExecutionView,
  type VerificationView,
} from './status-view';
