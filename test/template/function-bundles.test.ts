// A function's bundle holds only the AWS clients its handler calls: one that loads every client pays
// for all of them at each cold start. The bundles are built as osls builds them, with the esbuild
// settings of serverless.yml, and their inputs are read from esbuild's metafile.
import { FUNCTIONS } from '../../functions';
import { functionBundler, type FunctionBundler } from '../support/function-bundle';


/** What each handler calls, written from what each state does (README), not read from the code. */
const EXPECTED_CLIENTS: Record<string, string[]> = {
  validateRequest: ['dynamodb'],
  recordStatus: ['dynamodb', 'eventbridge'],
  resolveCluster: ['eks', 'iam', 'sts'],
  ensureDataplaneRole: ['eks', 'iam'],
  publishRoleArn: ['sqs'],
  planVerification: ['dynamodb'],
  // S3, Athena and Redshift for the permission probes, loaded only for a connection that names its data.
  attemptAssume: ['athena', 'dynamodb', 'redshift', 'redshift-serverless', 's3', 'sts'],
  diagnoseDenial: ['cloudtrail'],
  recordAttempt: ['dynamodb', 'eventbridge'],
  summarizeVerification: ['dynamodb'],
  startFromEvent: ['dynamodb', 'sfn', 'sqs'],
  statusApi: ['dynamodb', 'sfn'],
};

describe('function bundles', () => {
  let bundler: FunctionBundler;

  beforeAll(async () => {
    bundler = await functionBundler();
  });

  it('lists every function of the stack', () => {
    expect([...bundler.names].sort()).toEqual(Object.keys(FUNCTIONS).sort());
    expect(Object.keys(EXPECTED_CLIENTS).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  it.each(Object.entries(EXPECTED_CLIENTS))('%s bundles the clients it calls and no other', (name, clients) => {
    // Act
    const metafile = bundler.metafileOf(name);

    // Assess
    const bundled = new Set<string>();
    for (const input of Object.keys(metafile.inputs)) {
      const client = /node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//.exec(input)?.[1];
      if (client) bundled.add(client);
    }
    expect([...bundled].sort()).toEqual(clients);
  });
});
