// Turns the intrinsic functions of a packaged template into the values CloudFormation would deploy,
// for one account and region, so that policies can be evaluated as IAM will see them.
import type { Template } from './package-service';

export interface Deployment {
  accountId: string;
  region: string;
  partition?: string;
  /** Condition name -> value; CreateOidcProvider is false unless the deployment enables it. */
  conditions?: Record<string, boolean>;
}

const NO_VALUE = Symbol('AWS::NoValue');

/** What Ref and Fn::GetAtt return for the resource types our policies refer to. */
function physicalValue(template: Template, logicalId: string, attribute: string | undefined, d: Deployment): string {
  const partition = d.partition ?? 'aws';
  const resource = template.Resources[logicalId];
  if (!resource) throw new Error(`Reference to ${logicalId}, which the template does not define`);
  switch (resource.Type) {
    case 'AWS::IAM::ManagedPolicy': {
      const name = resolveTemplateValue(template, resource.Properties.ManagedPolicyName, d);
      return `arn:${partition}:iam::${d.accountId}:policy/${name}`;
    }
    case 'AWS::IAM::Role': {
      // RoleName is not set, so CloudFormation generates one; the logical id stands in for it.
      const rolePath = resource.Properties?.Path === undefined ? '/' : String(resolveTemplateValue(template, resource.Properties.Path, d));
      return attribute === 'Arn' ? `arn:${partition}:iam::${d.accountId}:role${rolePath}${logicalId}` : logicalId;
    }
    default:
      return attribute ? `${logicalId}.${attribute}` : logicalId;
  }
}

function pseudo(name: string, d: Deployment): string | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return d.accountId;
    case 'AWS::Region':
      return d.region;
    case 'AWS::Partition':
      return d.partition ?? 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return undefined;
    default:
      return undefined;
  }
}

function resolveAny(template: Template, value: any, d: Deployment): any {
  if (Array.isArray(value)) {
    return value.map((v) => resolveAny(template, v, d)).filter((v) => v !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const arg = value[key];
    if (key === 'Ref') {
      if (arg === 'AWS::NoValue') return NO_VALUE;
      return pseudo(arg, d) ?? physicalValue(template, arg, undefined, d);
    }
    if (key === 'Fn::GetAtt') {
      const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
      return physicalValue(template, id, attribute, d);
    }
    if (key === 'Fn::Sub') {
      const [pattern, variables] = Array.isArray(arg) ? arg : [arg, {}];
      return String(pattern).replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (variables[name] !== undefined) return String(resolveAny(template, variables[name], d));
        const p = pseudo(name, d);
        if (p !== undefined) return p;
        const [id, attribute] = name.split('.');
        return physicalValue(template, id!, attribute, d);
      });
    }
    if (key === 'Fn::If') {
      const [condition, whenTrue, whenFalse] = arg;
      return resolveAny(template, d.conditions?.[condition] ? whenTrue : whenFalse, d);
    }
    if (key === 'Fn::Join') {
      const [separator, parts] = arg;
      return resolveAny(template, parts, d).join(separator);
    }
  }
  return Object.fromEntries(
    Object.entries(value)
      .map(([k, v]) => [k, resolveAny(template, v, d)])
      .filter(([, v]) => v !== NO_VALUE),
  );
}

/** The value with every Ref, Fn::GetAtt, Fn::Sub, Fn::If and Fn::Join replaced; throws on one it cannot resolve. */
export function resolveTemplateValue(template: Template, value: unknown, deployment: Deployment): any {
  const resolved = resolveAny(template, value, deployment);
  const text = JSON.stringify(resolved);
  if (/"(Ref|Fn::[A-Za-z]+)"/.test(text)) throw new Error(`Unresolved intrinsic function left in ${text}`);
  return resolved;
}

/** A role's inline policies as deployed: name -> policy document. */
export function deployedRolePolicies(template: Template, roleLogicalId: string, deployment: Deployment): { name: string; policy: any }[] {
  const role = template.Resources[roleLogicalId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleLogicalId} is not an IAM role of the template`);
  return (role.Properties.Policies as any[]).map((p) => ({
    name: String(p.PolicyName),
    policy: resolveTemplateValue(template, p.PolicyDocument, deployment),
  }));
}
