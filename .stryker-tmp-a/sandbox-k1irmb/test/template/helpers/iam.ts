// @ts-nocheck
// Policy statements of a packaged template, in a form the least-privilege checks can read.
import type { Template } from './package-service';

export interface FoundStatement {
  /** Logical id of the role or policy resource holding the statement. */
  owner: string;
  policyName: string;
  statement: Record<string, any>;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Every statement of every identity policy (inline role policies, managed and standalone policies).
 * A conditional statement (Fn::If) counts with both branches, since either may be deployed.
 */
export function identityStatements(template: Template): FoundStatement[] {
  const found: FoundStatement[] = [];
  for (const [owner, resource] of Object.entries(template.Resources)) {
    const documents: { policyName: string; document: any }[] = [];
    if (resource.Type === 'AWS::IAM::Role') {
      for (const policy of asArray<any>(resource.Properties?.Policies)) {
        documents.push({ policyName: String(policy.PolicyName), document: policy.PolicyDocument });
      }
    } else if (resource.Type === 'AWS::IAM::ManagedPolicy' || resource.Type === 'AWS::IAM::Policy') {
      documents.push({ policyName: owner, document: resource.Properties?.PolicyDocument });
    }
    for (const { policyName, document } of documents) {
      for (const statement of expandConditionals(asArray<any>(document?.Statement))) {
        found.push({ owner, policyName, statement });
      }
    }
  }
  return found;
}

function expandConditionals(statements: any[]): Record<string, any>[] {
  return statements.flatMap((statement) => {
    if (statement && typeof statement === 'object' && 'Fn::If' in statement) {
      const [, whenTrue, whenFalse] = statement['Fn::If'] as [string, unknown, unknown];
      return expandConditionals([whenTrue, whenFalse]);
    }
    if (statement && typeof statement === 'object' && 'Ref' in statement && statement.Ref === 'AWS::NoValue') return [];
    return [statement];
  });
}

/** Resource entries as text: a Fn::Sub pattern as written, a Ref or GetAtt by its target. */
export function resourceTexts(statement: Record<string, any>): string[] {
  return asArray<any>(statement.Resource).map((resource) => {
    if (typeof resource === 'string') return resource;
    if (resource['Fn::Sub'] !== undefined) {
      return typeof resource['Fn::Sub'] === 'string' ? resource['Fn::Sub'] : String(resource['Fn::Sub'][0]);
    }
    if (resource.Ref !== undefined) return `Ref:${resource.Ref}`;
    if (resource['Fn::GetAtt'] !== undefined) return `GetAtt:${asArray(resource['Fn::GetAtt']).join('.')}`;
    return JSON.stringify(resource);
  });
}

export function actionsOf(statement: Record<string, any>): string[] {
  return asArray<string>(statement.Action);
}
