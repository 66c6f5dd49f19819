// Which status changes are news, and the same news for a retried step: the rules behind "exactly one
// event per change of state".
import { connectionEvent, noticeBefore, noticeOf, outboundEventId, tenantStatusEvent, withNotice } from '../../../../lib/domain/outbound-events/outbound-events';
import type { ConnectionStatus } from '../../../../lib/domain/status';
import type { Diagnosis } from '../../../../lib/domain/diagnosis';

const RUN = { id: 'arn:aws:states:eu-west-1:111111111111:execution:verification:verify-acme-1', startTime: '2026-11-23T12:00:00.000Z' };
const diagnosis = (code: Diagnosis['code'], side: Diagnosis['side'] = 'customer'): Diagnosis => ({ code, side, summary: `${code} summary`, fix: `${code} fix`, evidence: [] });
const status = (attempts: number, extra: Partial<ConnectionStatus>, execution = RUN): ConnectionStatus => ({
  connectionId: 'lake',
  roleArn: 'arn:aws:iam::222222222222:role/r',
  externalId: { length: 15, fingerprint: '573761e6' },
  state: 'VERIFYING',
  summary: 's',
  attempts,
  execution,
  ...extra,
});

/** Records a run's attempts one after another, as Record Attempt does: the notices sent. */
function run(statuses: ConnectionStatus[], start?: ConnectionStatus): string[] {
  let stored = start;
  const sent: string[] = [];
  for (const next of statuses) {
    const before = noticeBefore(stored, next);
    stored = withNotice(next, before);
    const event = connectionEvent('acme', stored, before, '2026-11-23T12:00:00.000Z');
    if (event) sent.push(event.detailType === 'ConnectionActionRequired' ? `${event.detailType} ${event.detail.state} ${event.detail.code}` : event.detailType);
  }
  return sent;
}

describe('connection notices', () => {
  it('nothing to tell while transient, one event when a diagnosis first needs someone, none for the same again, one when verified', () => {
    expect(
      run([
        status(1, { diagnosis: diagnosis('PROPAGATION_PENDING', 'transient') }),
        status(2, { diagnosis: diagnosis('TRUST_POLICY_DENIED') }),
        status(3, { diagnosis: diagnosis('THROTTLED', 'transient') }),
        status(4, { diagnosis: diagnosis('TRUST_POLICY_DENIED') }),
        status(5, { diagnosis: diagnosis('EXTERNAL_ID_NOT_ENFORCED') }),
        status(6, { state: 'ACTION_REQUIRED', diagnosis: diagnosis('EXTERNAL_ID_NOT_ENFORCED') }),
      ]),
    ).toEqual(['ConnectionActionRequired VERIFYING TRUST_POLICY_DENIED', 'ConnectionActionRequired VERIFYING EXTERNAL_ID_NOT_ENFORCED', 'ConnectionActionRequired ACTION_REQUIRED EXTERNAL_ID_NOT_ENFORCED']);
    expect(run([status(1, { diagnosis: diagnosis('TRUST_POLICY_DENIED') }), status(2, { state: 'VERIFIED' })])).toEqual([
      'ConnectionActionRequired VERIFYING TRUST_POLICY_DENIED',
      'ConnectionVerified',
    ]);
  });

  it('a re-run that verifies an already verified connection is no news, even through a transient attempt', () => {
    // Prepare
    const verified = withNotice(status(1, { state: 'VERIFIED' }), undefined);
    const rerun = { id: `${RUN.id}-rerun`, startTime: '2026-11-24T12:00:00.000Z' };

    // Act
    const sent = run([status(1, { diagnosis: diagnosis('PROPAGATION_PENDING', 'transient') }, rerun), status(2, { state: 'VERIFIED' }, rerun)], verified);

    // Assess
    expect(sent).toEqual([]);
  });

  it('a redelivered attempt finds the notice it was first recorded over, so it computes the same event', () => {
    // Prepare: attempt 2 was recorded (and maybe not sent) over attempt 1's notice.
    const first = withNotice(status(1, { diagnosis: diagnosis('PROPAGATION_PENDING', 'transient') }), undefined);
    const second = status(2, { diagnosis: diagnosis('TRUST_POLICY_DENIED') });
    const recorded = withNotice(second, noticeBefore(first, second));

    // Act
    const before = noticeBefore(recorded, second);
    const again = connectionEvent('acme', withNotice(second, before), before, '2026-11-23T12:05:00.000Z');
    const original = connectionEvent('acme', recorded, noticeBefore(first, second), '2026-11-23T12:00:00.000Z');

    // Assess
    expect(before).toBeUndefined();
    expect(again?.detail.eventId).toBe(original?.detail.eventId);
    expect(again?.detailType).toBe('ConnectionActionRequired');
  });

  it('vendor-side diagnoses are news too; transient ones are not', () => {
    expect(noticeOf(status(1, { diagnosis: diagnosis('DATAPLANE_ROLE_UNASSUMABLE', 'vendor') }))).toBe('VERIFYING:DATAPLANE_ROLE_UNASSUMABLE');
    expect(noticeOf(status(1, { diagnosis: diagnosis('THROTTLED', 'transient') }))).toBeUndefined();
    expect(noticeOf(status(1, {}))).toBeUndefined();
  });

  it('keeps the bookkeeping out of what it announces, and never an External ID', () => {
    const event = connectionEvent('acme', withNotice(status(2, { diagnosis: diagnosis('TRUST_POLICY_DENIED'), nextAttemptAt: '2026-11-23T12:02:00.000Z' }), undefined), undefined, 'now', '2026-11-30T12:00:00.000Z');
    expect(event?.detail).not.toHaveProperty('notice');
    expect(event?.detail).not.toHaveProperty('noticeBefore');
    expect(event?.detail).toMatchObject({ externalId: { length: 15, fingerprint: '573761e6' }, nextAttemptAt: '2026-11-23T12:02:00.000Z', pollingEndsAt: '2026-11-30T12:00:00.000Z' });
  });
});

describe('tenant events', () => {
  const update = { tenantId: 'acme', summary: 's', execution: { id: 'arn:aws:states:eu-west-1:111111111111:execution:onboarding:onboard-acme-1', startTime: '2026-11-23T10:00:00.000Z' } };

  it('ROLE_READY announces the role with the trust policy to paste; FAILED and INVALID_REQUEST why; PROVISIONING nothing', () => {
    const ready = tenantStatusEvent({ ...update, status: 'ROLE_READY', roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role' }, 't');
    const failed = tenantStatusEvent({ ...update, status: 'FAILED', error: { name: 'OidcProviderMissing', message: 'm' } }, 't');
    expect(ready).toMatchObject({ detailType: 'DataplaneRoleReady', detail: { roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role' } });
    expect(failed).toMatchObject({ detailType: 'OnboardingFailed', detail: { status: 'FAILED', error: { name: 'OidcProviderMissing' } } });
    expect(tenantStatusEvent({ ...update, status: 'PROVISIONING' }, 't')).toBeUndefined();
  });

  it('one id per execution and transition: the same for a retried step, another for another execution', () => {
    const ready = (id: string) => tenantStatusEvent({ ...update, execution: { ...update.execution, id }, status: 'ROLE_READY', roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role' }, 't')!.detail.eventId;
    expect(ready('e1')).toBe(ready('e1'));
    expect(ready('e1')).not.toBe(ready('e2'));
    expect(outboundEventId('a', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
