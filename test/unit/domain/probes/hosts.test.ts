// Which endpoint hosts our dataplane can reach: the service's public endpoints of the connection's region.
import { canonicalHosts, hostProblem } from '../../../../lib/domain/probes/hosts';
import type { ConnectionResource } from '../../../../lib/domain/probes/resource';

const lake = (host: string, region = 'eu-west-1'): ConnectionResource => ({ kind: 's3', bucket: 'acme-lake', region, host });

describe('the endpoint host of a connection', () => {
  it.each([
    's3.eu-west-1.amazonaws.com',
    'acme-lake.s3.eu-west-1.amazonaws.com',
    'S3.EU-WEST-1.AMAZONAWS.COM.',
    's3.dualstack.eu-west-1.amazonaws.com',
    's3-fips.dualstack.eu-west-1.amazonaws.com',
  ])('%s is canonical', (host) => {
    expect(hostProblem(lake(host))).toBeUndefined();
  });

  it('is not asked for when the connection names none', () => {
    expect(hostProblem({ kind: 's3', bucket: 'acme-lake', region: 'eu-west-1' })).toBeUndefined();
  });

  it.each([
    ['bucket.vpce-1a2b3c4d-5e6f.s3.eu-west-1.vpce.amazonaws.com', /VPC endpoint/],
    ['vpce-0e25b8cdd720f900e-argc85vg.s3.eu-west-1.vpce.amazonaws.com', /VPC endpoint/],
    ['s3.internal.acme.corp', /not an AWS endpoint/],
    ['s3.us-east-1.amazonaws.com', /not the S3 endpoint of eu-west-1/],
    ['athena.eu-west-1.amazonaws.com', /not the S3 endpoint/],
  ])('%s is not', (host, problem) => {
    expect(hostProblem(lake(host))).toMatch(problem);
  });

  it('knows the global S3 endpoint only in us-east-1, and the China partition', () => {
    expect(hostProblem(lake('s3.amazonaws.com', 'us-east-1'))).toBeUndefined();
    expect(hostProblem(lake('s3.amazonaws.com'))).toMatch(/not the S3 endpoint of eu-west-1/);
    expect(hostProblem(lake('s3.cn-north-1.amazonaws.com.cn', 'cn-north-1'))).toBeUndefined();
  });

  it('of Athena is its regional endpoint, FIPS or dual-stack', () => {
    const athena = (host: string): ConnectionResource => ({ kind: 'athena', workgroup: 'wg', region: 'eu-west-1', resultsBucket: 'r', host });
    expect(canonicalHosts(athena('x'))[0]).toBe('athena.eu-west-1.amazonaws.com');
    expect(hostProblem(athena('athena.eu-west-1.api.aws'))).toBeUndefined();
    expect(hostProblem(athena('vpce-0abc-xyz.athena.eu-west-1.vpce.amazonaws.com'))).toMatch(/VPC endpoint/);
  });

  it('of a bucket with dots is path-style only: TLS cannot cover bucket.with.dots.s3…', () => {
    const dotted: ConnectionResource = { kind: 's3', bucket: 'acme.lake', region: 'eu-west-1', host: 'acme.lake.s3.eu-west-1.amazonaws.com' };
    expect(hostProblem(dotted)).toMatch(/not the S3 endpoint/);
  });

  it('of Redshift: anything under the service domain of its region passes the pre-flight (the probe compares it with the endpoint AWS gives)', () => {
    const dw = (host: string): ConnectionResource => ({ kind: 'redshift', clusterIdentifier: 'acme-dw', database: 'dev', dbUser: 'q', region: 'eu-west-1', host });
    expect(hostProblem(dw('acme-dw.c1a2b3.eu-west-1.redshift.amazonaws.com'))).toBeUndefined();
    expect(hostProblem(dw('vpce-0abc-xyz.redshift.eu-west-1.vpce.amazonaws.com'))).toMatch(/VPC endpoint/);
    expect(hostProblem(dw('dw.internal.acme.corp'))).toMatch(/not an AWS endpoint/);
    expect(hostProblem(dw('acme-dw.c1a2b3.us-east-1.redshift.amazonaws.com'))).toMatch(/not a Redshift endpoint of eu-west-1/);
    const wg: ConnectionResource = { kind: 'redshift-serverless', workgroup: 'acme-wg', database: 'dev', region: 'eu-west-1', host: 'acme-wg.222222222222.eu-west-1.redshift-serverless.amazonaws.com' };
    expect(hostProblem(wg)).toBeUndefined();
  });
});
