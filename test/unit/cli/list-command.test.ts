// `onboarding list`: a bad command line is refused before any stack is reached, saying what is allowed;
// a page prints one line a connection, and where the next page starts.
import { formatConnectionList, listConnections } from '../../../lib/cli/list-command';
import { UsageError } from '../../../lib/cli/usage-error';
import type { ConnectionStatus } from '../../../lib/domain/status';

const io = { out: () => undefined, err: () => undefined };

const status = (connectionId: string, extra: Partial<ConnectionStatus> = {}): ConnectionStatus => ({
  connectionId,
  roleArn: `arn:aws:iam::222222222222:role/${connectionId}`,
  externalId: { length: 15, fingerprint: '573761e6' },
  state: 'ACTION_REQUIRED',
  summary: 's',
  attempts: 6,
  updatedAt: '2026-03-01T10:09:05.402Z',
  execution: { id: 'e', startTime: '2026-03-01T10:00:00.000Z' },
  ...extra,
});

describe('onboarding list', () => {
  it.each([
    [{ status: 'BROKEN' }, 'The status "BROKEN" is not a connection state; allowed: VERIFYING, DATA_ACCESS_REQUIRED, VERIFIED, ACTION_REQUIRED'],
    [{ status: 'VERIFIED', limit: '500' }, 'The limit "500" is not a whole number from 1 to 100'],
    [{ status: 'VERIFIED', nextToken: 'abc' }, '--next-token is not one a list of VERIFIED printed'],
    [{ status: 'VERIFIED', scenario: 'scenarios/demo.json' }, 'not a one-shot --scenario sandbox'],
  ])('refuses %j before reaching any stack', async (options, message) => {
    // Act
    const listing = listConnections({ stateDir: '/nonexistent/state', ...options }, io);

    // Assess
    await expect(listing).rejects.toThrow(UsageError);
    await expect(listing).rejects.toThrow(message);
  });

  it('prints one line a connection: which, since when, why and who acts, and where details are', () => {
    // Act
    const text = formatConnectionList(
      'ACTION_REQUIRED',
      [
        { tenantId: 'globex', status: status('globex-athena', { diagnosis: { code: 'TRUST_POLICY_DENIED', side: 'customer', summary: 's', fix: 'f', evidence: [] } }) },
        { tenantId: 'acme', status: status('acme-lake', { state: 'VERIFIED', attempts: 1, warnings: [{ code: 'TRUST_NOT_PINNED', side: 'customer', summary: 's', fix: 'f', evidence: [] }] }) },
      ],
      'on stack tenant-dataplane-onboarding-prod in eu-west-1',
    );

    // Assess
    expect(text.split('\n')).toEqual([
      'ACTION_REQUIRED connections on stack tenant-dataplane-onboarding-prod in eu-west-1, most recently updated first:',
      '  globex/globex-athena  since 2026-03-01T10:09:05.402Z TRUST_POLICY_DENIED (customer side), 6 attempt(s) — arn:aws:iam::222222222222:role/globex-athena',
      '  acme/acme-lake  since 2026-03-01T10:09:05.402Z warning TRUST_NOT_PINNED, 1 attempt(s) — arn:aws:iam::222222222222:role/acme-lake',
      'Details and the fix: onboarding status TENANT',
    ]);
    expect(formatConnectionList('VERIFYING', [], 'on the local stack')).toBe('No connection is VERIFYING on the local stack.');
  });
});
