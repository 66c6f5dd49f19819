// `onboarding events put FILE|-`: the entries of `aws events put-events --entries`, put on the stack's
// own bus — the running local stack's (its rules call the real event starter) or a deployed stack's
// (its EventBusName output). Prints per entry the event id, or why it was refused; never the Detail,
// which may hold an External ID.
import { readFileSync } from 'node:fs';
import { busNameOf, InvalidEntries, parseEntries, type PutEventsEntry } from '../events/put-events-entries';
import type { PutEventResult } from '../local/local-event-bus';
import { LocalStackClient } from './local-client';
import { stackOutputs, StackNotFound } from './support';
import type { TargetChoice } from './targets';
import { UsageError } from './usage-error';

/** The entries of a file, or of standard input for "-"; every problem is a usage error and nothing is put. */
export function readEntries(file: string, stdin: () => string = () => readFileSync(0, 'utf8')): PutEventsEntry[] {
  let text: string;
  try {
    text = file === '-' ? stdin() : readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read entries file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`entries file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseEntries(value);
  } catch (error) {
    if (error instanceof InvalidEntries) throw new UsageError(`entries file ${file}: ${error.message}; nothing was put`);
    throw error;
  }
}

/** One line per entry, in order. */
export function describeLocalResult(result: PutEventResult, i: number): string {
  if ('errorCode' in result) return `[${i}] refused: ${result.errorCode}: ${result.errorMessage}`;
  if (!result.matched) return `[${i}] event ${result.eventId}: put; no rule of the stack matches it (rules take TenantCreated and TargetRoleConfigured from tenant-platform)`;
  const o = result.outcome;
  if (o.started) return `[${i}] event ${result.eventId}: started ${o.kind} ${o.executionName} for tenant ${o.tenantId}`;
  if (o.reason === 'already started') return `[${i}] event ${result.eventId}: ${o.kind} ${o.executionName} was already started by this event id`;
  if (o.reason === 'superseded') return `[${i}] event ${result.eventId}: started nothing: a newer configuration is stored for ${o.superseded.join(', ')}`;
  const problems = o.problems.map((p) => `${p.field} ${p.problem}`).join('; ');
  return `[${i}] event ${result.eventId}: refused by the event starter (${o.name}): ${problems}; sent to the invalid-events queue`;
}

export async function putEvents(file: string, target: TargetChoice, out: (line: string) => void, stdin?: () => string): Promise<number> {
  if (target.kind === 'scenario') {
    throw new UsageError('events put needs a stack whose bus outlives the command: a running local stack (npm start) or --stack NAME, not --scenario');
  }
  const entries = readEntries(file, stdin);
  if (target.kind === 'local') {
    const results = await new LocalStackClient(target.stack.url).call<PutEventResult[]>('events/put', { entries });
    results.forEach((result, i) => out(describeLocalResult(result, i)));
    return results.every((r) => !('errorCode' in r) && (!r.matched || r.outcome.started || r.outcome.reason !== 'invalid event')) ? 0 : 1;
  }
  let found: Awaited<ReturnType<typeof stackOutputs>>;
  try {
    found = await stackOutputs(target.stackName, target.region);
  } catch (error) {
    if (error instanceof StackNotFound) throw new UsageError(error.message);
    throw error;
  }
  const bus = found.outputs.EventBusName;
  if (!bus) throw new UsageError(`stack ${target.stackName} in ${found.region} has no output EventBusName; is it this service's stack?`);
  const wrongBus = entries.map((e) => (e.EventBusName !== undefined && busNameOf(e.EventBusName) !== bus ? busNameOf(e.EventBusName) : undefined));
  const sendable = entries.filter((_, i) => wrongBus[i] === undefined).map(({ Time, ...e }) => ({ ...e, EventBusName: bus, ...(Time !== undefined ? { Time: new Date(Time) } : {}) }));
  const { EventBridgeClient, PutEventsCommand } = await import('@aws-sdk/client-eventbridge');
  const answer = sendable.length > 0 ? await new EventBridgeClient({ region: found.region }).send(new PutEventsCommand({ Entries: sendable })) : { Entries: [] };
  let next = 0;
  let failed = false;
  entries.forEach((_, i) => {
    if (wrongBus[i] !== undefined) {
      failed = true;
      out(`[${i}] refused: not sent: event bus ${wrongBus[i]} is not this stack's, whose rules are on ${bus}`);
      return;
    }
    const entry = answer.Entries?.[next++];
    if (entry?.EventId) out(`[${i}] event ${entry.EventId}: put on ${bus}`);
    else {
      failed = true;
      out(`[${i}] refused: ${entry?.ErrorCode ?? 'unknown'}: ${entry?.ErrorMessage ?? 'no reason given'}`);
    }
  });
  return failed ? 1 : 0;
}
