// What a deployment is given (--stage, --param), checked while serverless.yml is read, offline, so a
// setting that cannot work stops `osls package` and `osls deploy` with a message saying why, before
// anything is built or deployed. serverless.yml takes each value from here:
//   stage: ${file(./scripts/deployment-settings.cjs):stage}
'use strict';

const SERVICE = 'tenant-dataplane-onboarding';
/**
 * The longest stage whose generated names all fit their AWS limits: the tightest is the Lambda function
 * name <service>-<stage>-<function> (64; serverless.yml sets a shorter `name:` where a function's own
 * is too long). test/template/deployment-safety.test.ts checks every name of the template against it.
 */
const MAX_STAGE_LENGTH = 16;
/** A CloudFormation stack name (<service>-<stage>) allows letters, digits and hyphens only. */
const STAGE = /^[A-Za-z0-9-]+$/;
const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** The framework prints a rejected resolver's stack: the message alone is what the deployer needs. */
class DeploymentSettingError extends Error {
  constructor(message) {
    super(message);
    this.stack = message;
  }
}

async function stage({ options }) {
  const given = options.stage ?? 'dev';
  const value = String(given);
  if (value.length > MAX_STAGE_LENGTH || !STAGE.test(value)) {
    const problems = [];
    if (value.length > MAX_STAGE_LENGTH) {
      problems.push(
        `is ${value.length} characters long; at most ${MAX_STAGE_LENGTH} are allowed, so that every name built from it ` +
          `(function names such as ${SERVICE}-${value}-validateRequest, at most 64 characters) fits AWS's limits`,
      );
    }
    if (!STAGE.test(value)) problems.push('may contain only letters, digits and hyphens (it is part of the stack name)');
    throw new DeploymentSettingError(`Stage "${value}" ${problems.join('; it ')}`);
  }
  return value;
}

/** Accounts allowed to put events on the bus: comma-separated 12-digit account ids, or empty. */
async function eventPublisherAccounts({ resolveVariable }) {
  const raw = String((await resolveVariable('param:eventPublisherAccounts')) ?? '');
  const ids = raw.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const bad = ids.filter((id) => !ACCOUNT_ID.test(id));
  if (bad.length > 0) {
    throw new DeploymentSettingError(
      `Parameter eventPublisherAccounts: ${bad.map((id) => `"${id}"`).join(', ')} ` +
        `${bad.length === 1 ? 'is not an AWS account id' : 'are not AWS account ids'}: ` +
        'give 12-digit account ids separated by commas, or leave it empty',
    );
  }
  return [...new Set(ids)].join(',');
}

/** The AWS Organizations organization whose accounts may put events on the bus (o-...), or empty. */
async function eventPublisherOrganization({ resolveVariable }) {
  const raw = String((await resolveVariable('param:eventPublisherOrganization')) ?? '').trim();
  if (raw !== '' && !ORGANIZATION_ID.test(raw)) {
    throw new DeploymentSettingError(
      `Parameter eventPublisherOrganization: "${raw}" is not an organization id: give o- and 10 to 32 lower-case ` +
        'letters or digits (aws organizations describe-organization), or leave it empty',
    );
  }
  return raw;
}

/** EventBridge's rule for a custom bus name (the default bus is not one to send to). */
const EVENT_BUS_NAME = /^[\w.-]{1,256}$/;

/** Where the workflow's outbound events go: a bus of this account and region by name, or empty for the stack's own. */
async function outboundEventBus({ resolveVariable }) {
  const raw = String((await resolveVariable('param:outboundEventBus')) ?? '').trim();
  if (raw !== '' && (!EVENT_BUS_NAME.test(raw) || raw === 'default')) {
    throw new DeploymentSettingError(
      `Parameter outboundEventBus: "${raw}" is not an event bus name to send to: give the name (not the ARN) of a custom bus ` +
        "in this account and region (letters, digits and ._-, at most 256), or leave it empty for the stack's own bus",
    );
  }
  return raw;
}

/** The identity mode of a tenant whose request names none. */
async function defaultIdentity({ resolveVariable }) {
  const raw = String((await resolveVariable('param:defaultIdentity')) ?? 'irsa').trim();
  if (raw !== 'irsa' && raw !== 'podIdentity') {
    throw new DeploymentSettingError(`Parameter defaultIdentity: "${raw}" is not an identity mode: give irsa or podIdentity`);
  }
  return raw;
}

module.exports = { stage, eventPublisherAccounts, eventPublisherOrganization, outboundEventBus, defaultIdentity, MAX_STAGE_LENGTH };
