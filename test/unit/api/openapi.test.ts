// docs/openapi.yaml is what API clients are given: its routes, methods and response codes must be the
// router's. Read as text by its indentation (the file is written in plain block style), so the check
// needs no YAML parser.
import fs from 'node:fs';
import path from 'node:path';
import { ROUTES, RouteName } from '../../../lib/api/routes';
import { type Connection } from '../../../lib/domain/verification/connection';
import { readFixture } from '../../support/fixtures';

const TEXT = fs.readFileSync(path.resolve(__dirname, '../../../docs/openapi.yaml'), 'utf8');

/** Every status code the router can answer per route (405 and 413 are for undocumented methods and sizes). */
const CODES: Record<RouteName, string[]> = {
  getStatus: ['200', '400', '403', '404', '500', '503'],
  getConnection: ['200', '400', '403', '404', '500', '503'],
  startVerification: ['202', '400', '403', '404', '409', '422', '500', '503'],
};

const OPERATION_IDS: Record<RouteName, string> = {
  getStatus: 'getTenantStatus',
  getConnection: 'getConnectionStatus',
  startVerification: 'startVerification',
};

interface Operation {
  path: string;
  method: string;
  lines: string[];
}

function operations(): Operation[] {
  const lines = TEXT.split('\n');
  const start = lines.indexOf('paths:');
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  const found: Operation[] = [];
  let currentPath = '';
  for (const line of lines.slice(start + 1, end)) {
    const pathKey = /^ {2}(\/\S+):$/.exec(line);
    const methodKey = /^ {4}(get|put|post|delete|patch|head|options):$/.exec(line);
    if (pathKey) currentPath = pathKey[1]!;
    else if (methodKey) found.push({ path: currentPath, method: methodKey[1]!.toUpperCase(), lines: [] });
    else found[found.length - 1]?.lines.push(line);
  }
  return found;
}

function responseCodes(op: Operation): string[] {
  const at = op.lines.indexOf('      responses:');
  const codes: string[] = [];
  for (const line of op.lines.slice(at + 1)) {
    if (/^ {0,6}\S/.test(line)) break;
    const code = /^ {8}"(\d{3})":$/.exec(line);
    if (code) codes.push(code[1]!);
  }
  return codes;
}

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.0 with a SigV4 security scheme for API Gateway IAM authorization', () => {
    // Assess
    expect(TEXT).toMatch(/^openapi: 3\.0\.\d+$/m);
    expect(TEXT).toMatch(/^ {4}sigv4:\n {6}type: apiKey\n {6}name: Authorization\n {6}in: header\n(?: {6}.*\n)*? {6}x-amazon-apigateway-authtype: awsSigv4$/m);
    expect(TEXT).toMatch(/^security:\n {2}- sigv4: \[\]$/m);
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
    expect(op.lines.join('\n')).toContain('      x-amazon-apigateway-auth:\n        type: AWS_IAM');
    expect(op.lines).toContain(`      operationId: ${OPERATION_IDS[name]}`);
    expect(responseCodes(op).sort()).toEqual([...CODES[name]].sort());
  });

  it('describes 405 with Allow, and no-store on responses', () => {
    // Assess
    expect(TEXT).toContain('405 MethodNotAllowed');
    expect(TEXT).toMatch(/MethodNotAllowed:\n {6}description: .*\n {6}headers:\n {8}Allow:/);
    expect(TEXT).toMatch(/CacheControl:\n(?: {6}.*\n)*? {8}enum:\n {10}- no-store/);
  });

  it('shows External IDs in its examples only as length and fingerprint', () => {
    // Prepare
    const stored = readFixture<Connection[]>('api', 'stored-connections');
    const lines = TEXT.split('\n');

    // Assess
    for (const c of stored) expect(TEXT).not.toContain(c.externalId);
    const examples = lines.map((line, i) => [line, i] as const).filter(([line]) => /^\s+externalId:$/.test(line) && !/^ {8}externalId:$/.test(line));
    expect(examples.length).toBeGreaterThan(0);
    for (const [line, i] of examples) {
      const indent = line.length - line.trimStart().length + 2;
      const children = [];
      for (const next of lines.slice(i + 1)) {
        if (next.length - next.trimStart().length < indent) break;
        children.push(next.trim().split(':')[0]);
      }
      expect(children.sort()).toEqual(['fingerprint', 'length']);
    }
  });
});
