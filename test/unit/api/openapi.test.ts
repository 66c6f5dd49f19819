// docs/openapi.yaml is what API clients are given: its routes, methods and response codes must be the
// router's. The shapes of its answers are checked against real answers in openapi-responses.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROUTES, RouteName } from '../../../lib/api/routes';
import { type Connection } from '../../../lib/domain/verification/connection';
import { readFixture } from '../../support/fixtures';

const TEXT = fs.readFileSync(path.resolve(__dirname, '../../../docs/openapi.yaml'), 'utf8');
const DOC = parse(TEXT);

/** Every status code the router can answer per route (405 and 413 are for undocumented methods and sizes). */
const CODES: Record<RouteName, string[]> = {
  getStatus: ['200', '400', '403', '404', '500', '503'],
  getConnection: ['200', '400', '403', '404', '500', '503'],
  startVerification: ['202', '400', '403', '404', '409', '422', '500', '503'],
  listConnections: ['200', '400', '403', '500', '503'],
};

const OPERATION_IDS: Record<RouteName, string> = {
  getStatus: 'getTenantStatus',
  getConnection: 'getConnectionStatus',
  startVerification: 'startVerification',
  listConnections: 'listConnections',
};

interface Operation {
  path: string;
  method: string;
  spec: Record<string, any>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function operations(): Operation[] {
  return Object.entries(DOC.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, spec]) => ({ path, method: method.toUpperCase(), spec })),
  );
}

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.0 with a SigV4 security scheme for API Gateway IAM authorization', () => {
    // Assess
    expect(DOC.openapi).toMatch(/^3\.0\.\d+$/);
    expect(DOC.components.securitySchemes.sigv4).toMatchObject({
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    });
    expect(DOC.security).toEqual([{ sigv4: [] }]);
  });

  it("documents exactly the router's routes", () => {
    // Act
    const documented = operations().map((op) => `${op.method} ${op.path}`).sort();

    // Assess
    expect(documented).toEqual(ROUTES.map((r) => `${r.method} ${r.template}`).sort());
  });

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s: IAM authorization and every response code the router gives', (name, route) => {
    // Prepare
    const op = operations().find((o) => o.method === route.method && o.path === route.template)!;

    // Assess
    expect(op.spec['x-amazon-apigateway-auth']).toEqual({ type: 'AWS_IAM' });
    expect(op.spec.operationId).toBe(OPERATION_IDS[name]);
    expect(Object.keys(op.spec.responses).sort()).toEqual([...CODES[name]].sort());
  });

  it('describes 405 with Allow, and no-store on responses', () => {
    // Assess
    expect(TEXT).toContain('405 MethodNotAllowed');
    expect(DOC.components.responses.MethodNotAllowed.headers.Allow).toBeDefined();
    expect(DOC.components.headers.CacheControl.schema.enum).toEqual(['no-store']);
  });

  it('shows External IDs in its examples of answers only as length and fingerprint', () => {
    // Prepare: every externalId in an example of a response (a request's example must hold one).
    const stored = readFixture<Connection[]>('api', 'stored-connections');
    const examples: unknown[] = [];
    const collect = (node: unknown, inResponse: boolean, inExample: boolean): void => {
      if (Array.isArray(node)) node.forEach((item) => collect(item, inResponse, inExample));
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (inExample && key === 'externalId') examples.push(value);
          const example = inResponse && (key === 'example' || key === 'examples');
          collect(value, inResponse || key === 'responses', inExample || example);
        }
      }
    };
    collect(DOC, false, false);

    // Assess
    for (const c of stored) expect(TEXT).not.toContain(c.externalId);
    expect(examples.length).toBeGreaterThan(0);
    for (const value of examples) expect(Object.keys(value as object).sort()).toEqual(['fingerprint', 'length']);
  });
});
