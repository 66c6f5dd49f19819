// The status API's routes, matched on the request path rather than on API Gateway's routeKey: the same
// table then serves a route per operation, an `ANY /tenants/{proxy+}` route, and the local server, and
// a known path called with another method is a 405 that names the allowed ones rather than a 404.
import { joinList } from '../problem-text';
import { ApiError } from './responses';

export type RouteName = 'getStatus' | 'getConnection' | 'startVerification' | 'listConnections';

export interface Route {
  name: RouteName;
  method: 'GET' | 'POST';
  /** The path as API Gateway and docs/openapi.yaml write it. */
  template: string;
}

export const ROUTES: readonly Route[] = [
  { name: 'getStatus', method: 'GET', template: '/tenants/{tenantId}/status' },
  { name: 'getConnection', method: 'GET', template: '/tenants/{tenantId}/connections/{connectionId}' },
  { name: 'startVerification', method: 'POST', template: '/tenants/{tenantId}/verifications' },
  { name: 'listConnections', method: 'GET', template: '/connections' },
];

export interface PathMatch {
  template: string;
  /** Decoded path parameters, e.g. { tenantId: 'acme' }. */
  params: Record<string, string>;
  /** Every route on this path; the one for the request's method, if any, is the route to run. */
  routes: Route[];
}

function splitPath(path: string): string[] {
  // A leading slash gives an empty first segment; empty segments elsewhere are kept so that
  // /tenants//status is an empty tenant id (a 400), not an unknown path.
  return path.split('/').slice(1);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError('BadRequest', `The path segment "${segment.slice(0, 80)}" is not valid percent-encoding (RFC 3986)`);
  }
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = splitPath(template);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i]!;
    if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

/**
 * The path a route sees: API Gateway puts a named stage (not `$default`) in front of rawPath.
 */
export function apiPath(rawPath: string, stage: string | undefined): string {
  if (stage && stage !== '$default' && rawPath.startsWith(`/${stage}/`)) return rawPath.slice(stage.length + 1);
  return rawPath;
}

/** The routes on this (still percent-encoded) path with its decoded parameters; undefined for an unknown path. */
export function matchPath(path: string): PathMatch | undefined {
  const segments = splitPath(path);
  for (const route of ROUTES) {
    const raw = matchTemplate(route.template, segments);
    if (!raw) continue;
    const params = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, decodeSegment(value)]));
    return { template: route.template, params, routes: ROUTES.filter((r) => r.template === route.template) };
  }
  return undefined;
}

export function describeRoutes(): string {
  const all = ROUTES.map((r) => `${r.method} ${r.template}`);
  return joinList(all);
}
