// A tenant with fifty connections (a role per bucket, workgroup and cluster), verified in one run with
// the real state machines and handlers on the sandbox: each connection polls in an execution of its
// own, so none is refused and no execution comes near Step Functions' 25,000 history events.
import { runManyConnections } from '../../lib/local/many-connections';
import { MAX_CONNECTIONS_PER_RUN } from '../../lib/domain/verification/verification-plan';

describe('a tenant with many connections', () => {
  // Not a timing assertion: a bound on fifty polling executions on a loaded machine.
  jest.setTimeout(300_000);

  it('verifies all fifty, each fixed by its customer after a few denials, in fifty executions far below the history limit', async () => {
    // Act
    const result = await runManyConnections({ connections: MAX_CONNECTIONS_PER_RUN });

    // Assess
    expect(MAX_CONNECTIONS_PER_RUN).toBe(50);
    expect(result.notVerified).toEqual({});
    expect(result.verified).toBe(50);
    expect(result.run).toEqual({ status: 'SUCCEEDED', state: 'VERIFIED' });
    expect(result.byStateMachine['connection-verification']?.executions).toBe(50);
    // Denied before the fix: every connection took more than one attempt.
    expect(result.attempts).toBeGreaterThan(100);
    expect(result.maxHistoryEvents).toBeLessThan(2_500);
  });
});
