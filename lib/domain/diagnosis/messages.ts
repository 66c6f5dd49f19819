// STS and CloudTrail messages read for their parts (principal, action, resource, the policy that
// denied), with every External ID withheld.

const WITHHELD = '[External ID withheld]';

/**
 * An STS or CloudTrail message with every External ID value withheld: the `Value '...' at 'externalId'`
 * of a ValidationError (from its first quoted value to the last one reported for externalId, so a
 * value containing quotes cannot leak), and every occurrence of a value we know. Values under 4
 * characters are not searched for: they would blank out ordinary words.
 */
export function scrubExternalIds(message: string, knownValue?: unknown): string {
  let text = message;
  const marker = "' at 'externalId'";
  const end = text.lastIndexOf(marker);
  if (end !== -1) {
    const start = text.indexOf("Value '");
    // Stryker disable next-line EqualityOperator: "Value '" and the marker cannot start at the same index
    text = start !== -1 && start < end ? `${text.slice(0, start + 7)}${WITHHELD}${text.slice(end)}` : `${WITHHELD}${text.slice(end + 1)}`;
  }
  if (typeof knownValue === 'string') {
    for (const value of new Set([knownValue, knownValue.trim()])) {
      if (value.length >= 4) text = text.split(value).join(WITHHELD);
    }
  }
  return text;
}

interface AccessDeniedParts {
  principal?: string;
  action?: string;
  resource?: string;
  explicitDenyIn?: string;
  policyArn?: string;
  noAllowIn?: string;
}

/** "User: <principal> is not authorized to perform: <action> on resource: <arn> [with an explicit deny in a <type>[: <policy arn>] | because no <type> allows the <action> action]" */
export function parseAccessDenied(message: string): AccessDeniedParts {
  const parts: AccessDeniedParts = {};
  const head = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/.exec(message);
  if (head) {
    parts.principal = head[1];
    parts.action = head[2];
    parts.resource = head[3];
  }
  const explicit = /with an explicit deny in an? ([a-z][a-z -]*[a-z])(?::\s*(arn:[^\s,;]+))?/i.exec(message);
  if (explicit) {
    parts.explicitDenyIn = explicit[1]!.toLowerCase();
    if (explicit[2]) parts.policyArn = explicit[2].replace(/\.$/, '');
  }
  const noAllow = /because no ([a-z][a-z -]*[a-z]) allows the \S+ action/i.exec(message);
  if (noAllow) parts.noAllowIn = noAllow[1]!.toLowerCase();
  return parts;
}

