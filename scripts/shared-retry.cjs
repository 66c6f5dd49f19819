#!/usr/bin/env node
// The Retry policies of the Lambda tasks are written once, in statemachines/lambda-retry.json, and copied
// into the ASL files, which stay the one artefact that is deployed and run locally. A task invokes a
// Lambda when its Resource is a `${...FunctionArn}` placeholder; it gets the `standard` policy unless
// the file names another one for it under `tasks`. Other tasks (a nested execution) keep the Retry
// written for them.
//   node scripts/shared-retry.cjs          lists the tasks whose Retry is not the shared one (exit 1)
//   node scripts/shared-retry.cjs --write  copies the shared Retry into them (npm run asl:retry)
// scripts/validate-asl.mjs runs the same check, so a stale copy fails CI.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const machinesDir = path.join(__dirname, '..', 'statemachines');
const POLICY_FILE = path.join(machinesDir, 'lambda-retry.json');
const LAMBDA_TASK = /^\$\{[A-Za-z0-9]+FunctionArn\}$/;

function sharedRetry() {
  return JSON.parse(fs.readFileSync(POLICY_FILE, 'utf8'));
}

/** The policy a task of `file` (an .asl.json name) must carry. */
function policyFor(shared, file, at) {
  return shared.policies[shared.tasks[file]?.[at] ?? 'standard'];
}

/** What in the `tasks` list names no Lambda task of the file, or no policy: a rename left it behind. */
function unknownListed(definition, file, shared) {
  const tasks = new Set(lambdaTasks(definition).map(({ at }) => at));
  return Object.entries(shared.tasks[file] ?? {}).flatMap(([at, policy]) => [
    ...(tasks.has(at) ? [] : [`${at} is not a Lambda task of ${file}`]),
    ...(policy in shared.policies ? [] : [`${at} names no policy: ${policy}`]),
  ]);
}

/** Every state, with its path, nested Parallel branches and Map processors included. */
function* statesOf(states, where = '') {
  for (const [name, state] of Object.entries(states ?? {})) {
    const at = where ? `${where} > ${name}` : name;
    yield { at, state };
    for (const [i, branch] of (state?.Branches ?? []).entries()) yield* statesOf(branch.States, `${at} [branch ${i}]`);
    const processor = state?.ItemProcessor ?? state?.Iterator;
    if (processor) yield* statesOf(processor.States, at);
  }
}

function lambdaTasks(definition) {
  return [...statesOf(definition.States)].filter(({ state }) => state.Type === 'Task' && LAMBDA_TASK.test(state.Resource ?? ''));
}

/** The Lambda tasks of `file`'s definition whose Retry differs from their shared policy. */
function staleRetries(definition, file, shared = sharedRetry()) {
  return lambdaTasks(definition)
    .filter(({ state, at }) => JSON.stringify(state.Retry) !== JSON.stringify(policyFor(shared, file, at)))
    .map(({ at }) => at);
}

/** Copies each Lambda task its shared policy, in place; the other keys keep their order. */
function applySharedRetry(definition, file, shared = sharedRetry()) {
  for (const { state, at } of lambdaTasks(definition)) state.Retry = structuredClone(policyFor(shared, file, at));
  return definition;
}

function aslFiles() {
  return fs
    .readdirSync(machinesDir)
    .filter((name) => name.endsWith('.asl.json'))
    .sort()
    .map((name) => path.join(machinesDir, name));
}

function main(argv) {
  const write = argv.includes('--write');
  const shared = sharedRetry();
  let stale = 0;
  for (const file of aslFiles()) {
    const name = path.relative(process.cwd(), file);
    const definition = JSON.parse(fs.readFileSync(file, 'utf8'));
    const unknown = unknownListed(definition, path.basename(file), shared);
    if (unknown.length > 0) {
      stale += unknown.length;
      for (const problem of unknown) console.error(`statemachines/lambda-retry.json: ${problem}`);
    }
    const states = staleRetries(definition, path.basename(file), shared);
    if (states.length === 0) continue;
    if (write) {
      fs.writeFileSync(file, `${JSON.stringify(applySharedRetry(definition, path.basename(file), shared), null, 2)}\n`);
      console.log(`${name}: shared Retry copied into ${states.join(', ')}`);
    } else {
      stale += states.length;
      console.error(`${name}: Retry differs from statemachines/lambda-retry.json in ${states.join(', ')}`);
    }
  }
  if (stale > 0) console.error('run `npm run asl:retry` to copy the shared Retry into them');
  return stale === 0 ? 0 : 1;
}

module.exports = { applySharedRetry, lambdaTasks, policyFor, sharedRetry, staleRetries, statesOf, unknownListed, POLICY_FILE };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
