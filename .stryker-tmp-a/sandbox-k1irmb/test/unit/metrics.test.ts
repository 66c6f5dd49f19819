// @ts-nocheck
// Operations watch onboarding through CloudWatch metrics written as EMF log lines: check the lines a
// verification step writes name the namespace, the metric and its dimension.
describe('metrics', () => {
  let count: (name: string, dimension?: { name: string; value: string }) => void;
  let metrics: { publishStoredMetrics(): void };

  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  beforeAll(() => {
    // As in Lambda: metrics on (single metrics read the setting when they are created).
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    jest.isolateModules(() => {
      ({ count, metrics } = require('../../lib/observability'));
    });
  });
  afterAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = previous;
  });

  function emitted(run: () => void): Record<string, any>[] {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      run();
    } finally {
      spy.mockRestore();
    }
    return lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  }

  it('a diagnosis is counted by its code, in the TenantDataplaneOnboarding namespace', () => {
    // Act
    const lines = emitted(() => count('Diagnoses', { name: 'code', value: 'TRUST_POLICY_DENIED' }));

    // Assess
    const line = lines.find((l) => 'Diagnoses' in l)!;
    expect(line).toMatchObject({ Diagnoses: 1, code: 'TRUST_POLICY_DENIED', service: 'tenant-dataplane-onboarding' });
    expect(line._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'TenantDataplaneOnboarding',
      Dimensions: [expect.arrayContaining(['code', 'service'])],
      Metrics: [{ Name: 'Diagnoses', Unit: 'Count' }],
    });
  });

  it('an onboarded tenant is counted when the step publishes its metrics', () => {
    const lines = emitted(() => {
      count('TenantsOnboarded');
      metrics.publishStoredMetrics();
    });
    expect(lines.find((l) => 'TenantsOnboarded' in l)).toMatchObject({ TenantsOnboarded: 1 });
  });
});
