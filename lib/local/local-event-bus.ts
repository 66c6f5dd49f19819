// The local stack's EventBridge bus: entries put on it become events as EventBridge delivers them to
// a rule's target, and the two rules of the deployed bus (TenantCreated and TargetRoleConfigured from
// tenant-platform) send them to the real event starter, which starts the local state machines.
import { randomUUID } from 'node:crypto';
import { handleEvent, type EventOutcome } from '../events/handle-event';
import { busNameOf, type PutEventsEntry } from '../events/put-events-entries';
import { DETAIL_TYPES, EVENT_SOURCE } from '../events/schemas';
import type { LocalEnvironment } from './local-environment';

/** What happened to one entry: refused by the bus (as PutEvents' ErrorCode), or its event id and what the rules did. */
export type PutEventResult =
  | { eventId: string; matched: false }
  | { eventId: string; matched: true; outcome: EventOutcome }
  | { errorCode: string; errorMessage: string };

export function localBusName(env: LocalEnvironment): string {
  return env.config.stackName;
}

export async function putLocalEvents(env: LocalEnvironment, entries: PutEventsEntry[]): Promise<PutEventResult[]> {
  const bus = localBusName(env);
  const results: PutEventResult[] = [];
  for (const entry of entries) {
    // `onboarding events put` puts on the stack's bus: an entry without EventBusName goes there too.
    const named = entry.EventBusName === undefined ? bus : busNameOf(entry.EventBusName);
    if (named !== bus) {
      // The stack's rules are on its own bus; the default bus (or another) has none of them.
      results.push({
        errorCode: 'NotThisStacksBus',
        errorMessage: `event bus ${named} is not this stack's: its rules are on ${bus} (set "EventBusName": "${bus}")`,
      });
      continue;
    }
    const eventId = randomUUID();
    const event = {
      version: '0',
      id: eventId,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: env.account,
      time: entry.Time ?? new Date(env.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: env.config.region,
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail) as unknown,
    };
    if (entry.Source !== EVENT_SOURCE || !(DETAIL_TYPES as readonly string[]).includes(entry.DetailType)) {
      results.push({ eventId, matched: false });
      continue;
    }
    const outcome = await handleEvent(event, {
      starter: env.starter(),
      deadLetters: env.adapters().deadLetters,
      statusStore: env.adapters().statusStore,
      now: () => new Date(env.clock.now()),
    });
    results.push({ eventId, matched: true, outcome });
  }
  return results;
}
