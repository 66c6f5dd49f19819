// `onboarding events list`: what the workflow sent on its bus (DataplaneRoleReady, OnboardingFailed,
// ConnectionVerified, ConnectionActionRequired), as EventBridge delivers it to a rule's target. Only a
// local stack keeps what it sent; a deployed stack's events go to the rules on its bus.
import { deliveredEvent, type SentEvent } from '../sandbox/eventbridge';
import { LocalStackClient } from './local-client';
import type { TargetChoice } from './targets';
import { UsageError } from './usage-error';
import { EXIT_OK } from './exit-codes';
import type { Io } from './output';

export async function listSentEvents(target: TargetChoice, options: { json?: boolean }, io: Io): Promise<number> {
  if (target.kind === 'deployed') {
    throw new UsageError(
      `events list shows what a local stack sent; ${target.stackName}'s events go to the rules on its bus (docs/events.md has rules that keep or forward them)`,
    );
  }
  if (target.kind === 'scenario') throw new UsageError('events list needs a running local stack (npm start): a one-shot --scenario sandbox ends with the command');
  const sent = await new LocalStackClient(target.stack.url).call<SentEvent[]>('events/sent');
  const delivered = sent.map(deliveredEvent) as ({ 'detail-type': string; time: string; detail: unknown } & Record<string, unknown>)[];
  if (options.json) {
    io.out(JSON.stringify(delivered, null, 2));
    return EXIT_OK;
  }
  if (delivered.length === 0) {
    io.out('The local stack has sent no event yet.');
    return EXIT_OK;
  }
  for (const e of delivered) {
    const d = e.detail as Record<string, any>;
    const about = [d.tenantId, d.connectionId].filter(Boolean).join('/');
    const what =
      e['detail-type'] === 'ConnectionActionRequired'
        ? ` ${d.state} ${d.code} (${d.side} side)${d.nextAttemptAt ? `, next attempt ${d.nextAttemptAt}` : ''}`
        : e['detail-type'] === 'OnboardingFailed'
          ? ` ${d.status}: ${d.summary}`
          : e['detail-type'] === 'DataplaneRoleReady'
            ? ` ${d.roleArn}`
            : (d.warnings ?? []).map((w: { code: string }) => ` warning ${w.code}`).join('');
    io.out(`${e.time}  ${e['detail-type']}  ${about}${what}  (eventId ${d.eventId})`);
  }
  return EXIT_OK;
}
