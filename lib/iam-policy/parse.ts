// Reading a policy document: its JSON (or IAM's URL-encoded JSON), validated statement by statement,
// each problem named with its place in the document.
import { OPERATORS, type ParsedCondition, type SetOperator } from './operators';
import { PRINCIPAL_KEYS, type PrincipalBlock, type PrincipalKey } from './principals';
import { PolicyDocumentError, type PolicyKind } from './types';
export interface ParsedStatement {
  index: number;
  label: string;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: ParsedCondition[];
}

export interface ParsedPolicy {
  variables: boolean;
  statements: ParsedStatement[];
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KINDS: ReadonlySet<PolicyKind> = new Set(['trust', 'rcp']);

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new PolicyDocumentError(path ? `${path}: ${message}` : message);
}

/** A policy document as an object: parsed from JSON (or IAM's URL-encoded JSON) when given as a string. */
export function readPolicyDocument(document: unknown, path = ''): Record<string, unknown> {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = parsePolicyDocument(document);
    } catch (error) {
      fail(path, `policy document is not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isObject(value)) fail(path, `policy document must be a JSON object, got ${typeName(value)}`);
  return value;
}

function stringList(value: unknown, path: string, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) fail(path, `must list at least one ${what}`);
  list.forEach((item, i) => {
    if (typeof item !== 'string') fail(Array.isArray(value) ? `${path}[${i}]` : path, `${what}s must be strings, got ${typeName(item)}`);
    if (item.length === 0) fail(Array.isArray(value) ? `${path}[${i}]` : path, `${what} must not be empty`);
  });
  return list as string[];
}

function parsePrincipal(value: unknown, path: string): PrincipalBlock {
  if (value === '*') return '*';
  if (typeof value === 'string') fail(path, `a Principal given as a string must be "*"; name principals as {"AWS": "${value}"}`);
  if (!isObject(value)) fail(path, `must be "*" or an object such as {"AWS": "<role ARN>"}, got ${typeName(value)}`);
  const block: Partial<Record<PrincipalKey, string[]>> = {};
  const entries = Object.entries(value);
  if (entries.length === 0) fail(path, 'names no principal');
  for (const [type, values] of entries) {
    if (!(PRINCIPAL_KEYS as readonly string[]).includes(type)) {
      fail(path, `unknown principal type "${type}" (expected one of ${PRINCIPAL_KEYS.join(', ')})`);
    }
    block[type as PrincipalKey] = stringList(values, `${path}.${type}`, 'principal');
  }
  return block;
}

function parseActions(value: unknown, path: string): string[] {
  const actions = stringList(value, path, 'action');
  for (const action of actions) {
    if (action !== '*' && !/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]*$/.test(action)) {
      fail(path, `"${action}" is not an action; actions are "*" or "<service>:<name>", e.g. "sts:AssumeRole"`);
    }
  }
  return actions;
}

function parseOperator(raw: string, path: string): Pick<ParsedCondition, 'spec' | 'setOperator' | 'ifExists'> {
  let name = raw;
  let setOperator: SetOperator | undefined;
  const prefix = /^(ForAnyValue|ForAllValues):(.*)$/i.exec(name);
  if (prefix) {
    setOperator = prefix[1]!.toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
    name = prefix[2] ?? '';
  }
  const ifExists = /IfExists$/i.test(name) && name.length > 'IfExists'.length;
  if (ifExists) name = name.slice(0, -'IfExists'.length);
  if (name.toLowerCase() === 'null') {
    if (setOperator || ifExists) fail(path, `"${raw}": Null tests whether a key is present and takes no ForAnyValue/ForAllValues prefix or IfExists suffix`);
    // Stryker disable next-line ObjectLiteral: a missing ifExists reads as false
    return { ifExists: false };
  }
  const spec = OPERATORS[name.toLowerCase()];
  if (!spec) fail(path, `unknown condition operator "${raw}"`);
  return { spec, setOperator, ifExists };
}

function parseCondition(value: unknown, path: string): ParsedCondition[] {
  if (!isObject(value)) fail(path, `must be an object mapping operators to keys, got ${typeName(value)}`);
  const conditions: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const opPath = `${path}.${operator}`;
    const parsed = parseOperator(operator, path);
    if (!isObject(block)) fail(opPath, `must be an object mapping condition keys to values, got ${typeName(block)}`);
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = `${opPath}.${key}`;
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.length === 0) fail(keyPath, 'must list at least one value');
      const values = list.map((item) => {
        // IAM compares condition values as strings whatever their JSON type.
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
        return fail(keyPath, `values must be strings, numbers or booleans, got ${typeName(item)}`);
      });
      if (!parsed.spec) {
        // Null's value says whether the key must be absent ("true") or present ("false").
        for (const v of values) {
          if (v.toLowerCase() !== 'true' && v.toLowerCase() !== 'false') fail(keyPath, `Null takes "true" or "false", got "${v}"`);
        }
      }
      conditions.push({ operator, key, values, ...parsed });
    }
  }
  return conditions;
}

function statementLabel(path: string, sid: string | undefined): string {
  return sid ? `${path} (Sid "${sid}")` : path;
}

function parseStatement(raw: unknown, index: number, kind: PolicyKind, prefix: string): ParsedStatement {
  const path = `${prefix}Statement[${index}]`;
  if (!isObject(raw)) fail(path, `must be an object, got ${typeName(raw)}`);
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key)) fail(path, `unknown element "${key}" (expected ${[...STATEMENT_KEYS].join(', ')})`);
  }
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') fail(`${path}.Sid`, `must be a string, got ${typeName(raw.Sid)}`);
  const sid = raw.Sid as string | undefined;
  if (raw.Effect === undefined) fail(path, 'missing Effect (must be "Allow" or "Deny")');
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    fail(`${path}.Effect`, `must be "Allow" or "Deny", got ${JSON.stringify(raw.Effect)}`);
  }

  const statement: ParsedStatement = { index, label: statementLabel(path, sid), sid, effect: raw.Effect, conditions: [] };

  if (raw.Action !== undefined && raw.NotAction !== undefined) fail(path, 'has both Action and NotAction; use one');
  if (raw.Action === undefined && raw.NotAction === undefined) fail(path, 'missing Action (or NotAction)');
  if (raw.Action !== undefined) statement.actions = parseActions(raw.Action, `${path}.Action`);
  else statement.notActions = parseActions(raw.NotAction, `${path}.NotAction`);

  const hasPrincipal = raw.Principal !== undefined || raw.NotPrincipal !== undefined;
  const hasResource = raw.Resource !== undefined || raw.NotResource !== undefined;
  if (PRINCIPAL_KINDS.has(kind)) {
    if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) fail(path, 'has both Principal and NotPrincipal; use one');
    if (!hasPrincipal) fail(path, `missing Principal: a ${kind === 'trust' ? 'trust' : 'resource control'} policy must say whom it applies to`);
    if (raw.Principal !== undefined) statement.principal = parsePrincipal(raw.Principal, `${path}.Principal`);
    else statement.notPrincipal = parsePrincipal(raw.NotPrincipal, `${path}.NotPrincipal`);
  } else if (hasPrincipal) {
    fail(path, `a${kind === 'identity' ? 'n identity' : ` ${KIND_NAMES[kind]}`} policy must not have ${raw.Principal !== undefined ? 'Principal' : 'NotPrincipal'}: it applies to the identity it is attached to`);
  }

  if (kind === 'trust') {
    // A trust policy is attached to the role, which is its only resource.
    if (hasResource) fail(path, `a trust policy must not have ${raw.Resource !== undefined ? 'Resource' : 'NotResource'}: it always applies to the role it is attached to`);
  } else {
    if (raw.Resource !== undefined && raw.NotResource !== undefined) fail(path, 'has both Resource and NotResource; use one');
    if (!hasResource) fail(path, `missing Resource (or NotResource): a${kind === 'identity' ? 'n identity' : ` ${KIND_NAMES[kind]}`} policy statement must say what it applies to`);
    if (raw.Resource !== undefined) statement.resources = stringList(raw.Resource, `${path}.Resource`, 'resource');
    else statement.notResources = stringList(raw.NotResource, `${path}.NotResource`, 'resource');
  }

  if (raw.Condition !== undefined) statement.conditions = parseCondition(raw.Condition, `${path}.Condition`);
  return statement;
}

const KIND_NAMES: Record<PolicyKind, string> = {
  trust: 'trust',
  identity: 'identity',
  permissionsBoundary: 'permissions boundary',
  scp: 'service control',
  rcp: 'resource control',
  session: 'session',
};

export function parsePolicy(document: unknown, kind: PolicyKind, prefix = ''): ParsedPolicy {
  const path = prefix.replace(/\.$/, '');
  const policy = readPolicyDocument(document, path);
  for (const key of Object.keys(policy)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') fail(path, `unknown top-level element "${key}" (expected Version, Id, Statement)`);
  }
  const version = policy.Version;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    fail(`${prefix}Version`, `must be "2012-10-17" (or the legacy "2008-10-17"), got ${JSON.stringify(version)}`);
  }
  if (policy.Statement === undefined) fail(path, 'policy document has no Statement');
  const raw = policy.Statement;
  if (!Array.isArray(raw) && !isObject(raw)) fail(`${prefix}Statement`, `must be an object or an array of objects, got ${typeName(raw)}`);
  const statements = (Array.isArray(raw) ? raw : [raw]).map((s, i) => parseStatement(s, i, kind, prefix));
  // Without "Version": "2012-10-17", IAM reads ${…} literally.
  return { variables: version === '2012-10-17', statements };
}

/** IAM returns policy documents URL-encoded (RFC 3986); the SDK does not decode them. */
export function parsePolicyDocument(document: string): unknown {
  const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
  return JSON.parse(text);
}
