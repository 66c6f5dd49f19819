// LookupEvents' quota (2 requests/s per account and region) is paced by the adapter. A retry made
// inside the SDK would go out without waiting its turn, so the CloudTrail client the factory makes
// sends each request once, and every retry of a throttled lookup goes through the adapter's pacing.
import { createAwsClients, useClientEnvironment } from '../../../lib/adapters/aws-clients';
import { CloudTrailAssumeRoleEvents } from '../../../lib/adapters/cloudtrail-assume-role-events';
import { TransientAwsError } from '../../../lib/errors';

const ROLE = 'arn:aws:iam::222222222222:role/qualytics-s3-read';
const WINDOW = { start: new Date('2024-05-14T09:00:00Z'), end: new Date('2024-05-14T10:30:00Z') };

/** CloudTrail's answer when the account's LookupEvents quota is used up. */
function throttled() {
  return {
    statusCode: 400,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'ThrottlingException' },
    body: new TextEncoder().encode(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' })),
  };
}

describe('CloudTrail requests over the real client', () => {
  let clock = 0;
  const sent: { at: number; target: string | undefined }[] = [];

  beforeEach(() => {
    clock = Date.parse('2024-05-14T10:30:00Z');
    sent.length = 0;
    useClientEnvironment({
      configFor: (service) =>
        service === 'cloudtrail'
          ? {
              credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
              requestHandler: {
                handle: async (request: { headers: Record<string, string> }) => {
                  sent.push({ at: clock, target: request.headers['x-amz-target'] });
                  return { response: throttled() };
                },
              },
            }
          : {},
    });
  });

  afterEach(() => useClientEnvironment(undefined));

  it('the factory gives the CloudTrail client one attempt per request: the adapter does the retrying', async () => {
    // Act
    const { cloudtrail } = createAwsClients({ region: 'eu-west-1' });

    // Assess
    expect(await cloudtrail.config.maxAttempts()).toBe(1);
  });

  it('a lookup that stays throttled sends each try once, each at its paced turn after a backoff, then fails', async () => {
    // Prepare
    const { cloudtrail } = createAwsClients({ region: 'eu-west-1' });
    const sleeps: number[] = [];
    const events = new CloudTrailAssumeRoleEvents(cloudtrail, {
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      maxThrottleRetries: 2,
    });

    // Act
    const lookup = events.lookup(ROLE, WINDOW);

    // Assess
    await expect(lookup).rejects.toThrow(TransientAwsError);
    expect(sent).toHaveLength(3); // the first try and two retries, nothing more from the SDK
    expect(sent.every((s) => s.target === 'CloudTrail_20131101.LookupEvents')).toBe(true);
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    expect(gaps.every((gap) => gap >= 500)).toBe(true); // 2 requests/s, retries included
    expect(gaps[1]).toBeGreaterThan(gaps[0]! / 2); // backed off: the second wait's floor is the first's ceiling
  }, 30_000);
});
