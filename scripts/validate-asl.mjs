#!/usr/bin/env node
// Validates every statemachines/*.asl.json before anything is packaged:
//  - the Amazon States Language itself, with asl-validator (schema, transitions, paths);
//  - what asl-validator misses: a Retry BackoffRate below 1, which Step Functions rejects at deploy;
//  - the ${Placeholder}s against serverless.yml, wherever they are in the file (a task's Resource, or
//    its Parameters, such as the StateMachineArn of a nested execution): every placeholder needs a
//    DefinitionSubstitution on the state machine that deploys the file (CloudFormation leaves an
//    unknown one in place, and the state machine then fails at run time), and a substitution nothing
//    uses is a leftover;
//  - that serverless.yml hands over the file's text (scripts/asl-definitions.cjs), not a parsed copy;
//  - that every Lambda task carries its shared Retry policy (statemachines/lambda-retry.json, copied in
//    by scripts/shared-retry.cjs);
//  - that a Catch names errors only where they go somewhere different from the state's catch-all: a
//    list of names that ends where States.ALL ends says nothing and goes stale.
// Prints one line per file and exits non-zero on any problem.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const aslValidator = require('asl-validator');
// serverless.yml is read the way the framework reads it (CloudFormation tags such as !GetAtt included).
const readServerlessConfig = require('osls/lib/configuration/read');
const { staleRetries, statesOf, unknownListed, sharedRetry } = require('./shared-retry.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const machinesDir = path.join(root, 'statemachines');
const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/** Placeholder names used anywhere in a definition. */
function placeholdersOf(text) {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort();
}

/**
 * A well-formed stand-in for a placeholder, so that asl-validator's Resource ARN checks still apply.
 * The whole text is substituted, so a placeholder in Parameters gets a stand-in of the same kind.
 */
function dummyArn(name) {
  const id = name.replace(/[^A-Za-z0-9-_]/g, '');
  if (/FunctionArn$/.test(name)) return `arn:aws:lambda:eu-west-1:123456789012:function:${id}`;
  if (/StateMachineArn$/.test(name)) return `arn:aws:states:eu-west-1:123456789012:stateMachine:${id}`;
  if (/QueueUrl$/.test(name)) return `https://sqs.eu-west-1.amazonaws.com/123456789012/${id}.fifo`;
  if (/TableName$/.test(name)) return id;
  return `arn:aws:lambda:eu-west-1:123456789012:function:${id}`;
}

/** Every Retry of every state, nested states (Parallel branches, Map processors) included. */
function* retriers(node, where = '') {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* retriers(item, `${where}[${i}]`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Retry' && Array.isArray(value)) {
      for (const [i, retrier] of value.entries()) yield { where: `${where}.Retry[${i}]`, retrier };
    }
    yield* retriers(value, where ? `${where}.${key}` : key);
  }
}

function backoffRateErrors(definition) {
  const errors = [];
  for (const { where, retrier } of retriers(definition)) {
    if (retrier && typeof retrier === 'object' && 'BackoffRate' in retrier) {
      const rate = retrier.BackoffRate;
      if (typeof rate !== 'number' || !(rate >= 1)) {
        errors.push(`${where}: BackoffRate ${JSON.stringify(rate)} must be a number >= 1`);
      }
    }
  }
  return errors;
}

function redundantCatchErrors(definition) {
  const errors = [];
  for (const { at, state } of statesOf(definition.States)) {
    const catchers = Array.isArray(state?.Catch) ? state.Catch : [];
    const catchAll = catchers.find((c) => c?.ErrorEquals?.includes('States.ALL'));
    if (!catchAll) continue;
    for (const c of catchers) {
      if (c !== catchAll && c.Next === catchAll.Next && c.ResultPath === catchAll.ResultPath) {
        errors.push(`${at}: the Catch of ${c.ErrorEquals.join(', ')} goes where States.ALL goes (${c.Next}); name errors only to send them somewhere else`);
      }
    }
  }
  return errors;
}

/**
 * The state machines serverless.yml deploys, by the ASL file their definition is read from:
 * `${file(./scripts/asl-definitions.cjs):<name>}` is statemachines/<name>.asl.json.
 */
function deployedMachines(serverlessConfig) {
  const byFile = new Map();
  const resources = serverlessConfig?.resources?.Resources ?? {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource?.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const props = resource.Properties ?? {};
    const source = props.DefinitionString ?? props.Definition;
    const match = typeof source === 'string' ? /^\$\{file\(([^)]+)\)(?::([^}]+))?\}$/.exec(source.trim()) : null;
    if (!match) continue;
    const [, filePath, address] = match.map((part) => part?.trim().replace(/^['"]|['"]$/g, ''));
    const problems = [];
    let file;
    if (path.basename(filePath) === 'asl-definitions.cjs' && address) {
      file = path.join(machinesDir, `${address}.asl.json`);
      if (!props.DefinitionString) problems.push(`${logicalId} must take the ASL text as DefinitionString`);
    } else {
      file = path.resolve(root, filePath);
      // osls parses a .json file() into an object and strips its nulls ("ResultPath": null).
      problems.push(`${logicalId} reads ${filePath} through file(), which drops null fields; use \${file(./scripts/asl-definitions.cjs):<name>}`);
    }
    byFile.set(file, { logicalId, problems, substitutions: Object.keys(props.DefinitionSubstitutions ?? {}) });
  }
  return byFile;
}

async function validateFile(file, machines) {
  const errors = [];
  const text = await readFile(file, 'utf8');
  const placeholders = placeholdersOf(text);

  let definition;
  try {
    const substituted = text.replace(PLACEHOLDER, (_, name) => dummyArn(name));
    definition = JSON.parse(substituted);
  } catch (error) {
    return [`not valid JSON: ${error.message}`];
  }

  const { isValid, errors: aslErrors } = aslValidator(definition, { checkPaths: true, checkArn: true });
  if (!isValid) {
    for (const e of aslErrors) errors.push(`${e['Error code'] ?? 'ASL'}: ${e.Message ?? e.message ?? JSON.stringify(e)}`);
  }
  errors.push(...backoffRateErrors(definition));
  errors.push(...redundantCatchErrors(definition));
  // The Lambda tasks are found by their ${...FunctionArn} placeholder, so these read the text as written.
  const written = JSON.parse(text);
  const shared = sharedRetry();
  const fileName = path.basename(file);
  errors.push(...unknownListed(written, fileName, shared).map((problem) => `statemachines/lambda-retry.json: ${problem}`));
  const stale = staleRetries(written, fileName, shared);
  if (stale.length > 0) {
    errors.push(`Retry differs from statemachines/lambda-retry.json in ${stale.join(', ')} (npm run asl:retry copies it in)`);
  }

  const machine = machines.get(file);
  if (!machine) {
    if (placeholders.length > 0) {
      errors.push(
        `no AWS::StepFunctions::StateMachine in serverless.yml reads this file, so nothing substitutes ${placeholders
          .map((p) => '${' + p + '}')
          .join(', ')}`,
      );
    }
  } else {
    errors.push(...machine.problems);
    for (const p of placeholders) {
      if (!machine.substitutions.includes(p)) {
        errors.push(`\${${p}} has no DefinitionSubstitution on ${machine.logicalId} in serverless.yml`);
      }
    }
    for (const s of machine.substitutions) {
      if (!placeholders.includes(s)) {
        errors.push(`DefinitionSubstitution ${s} on ${machine.logicalId} is not used by this file`);
      }
    }
  }
  return errors;
}

async function main() {
  const files = (await readdir(machinesDir))
    .filter((name) => name.endsWith('.asl.json'))
    .sort()
    .map((name) => path.join(machinesDir, name));
  if (files.length === 0) {
    console.error(`✕ no *.asl.json files in ${path.relative(root, machinesDir)}/`);
    return 1;
  }
  const machines = deployedMachines(await readServerlessConfig(path.join(root, 'serverless.yml')));

  let failed = 0;
  for (const file of files) {
    const name = path.relative(root, file);
    const errors = await validateFile(file, machines);
    if (errors.length === 0) {
      console.log(`✓ ${name} is valid`);
    } else {
      failed += 1;
      console.error(`✕ ${name} is invalid:`);
      for (const error of errors) console.error(`    ${error}`);
    }
  }
  console.log(`${files.length - failed} of ${files.length} state machine definition(s) valid`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`✕ validate-asl failed: ${error?.stack ?? error}`);
    process.exitCode = 2;
  },
);
