// What `onboarding explain` tells support for each customer trust policy we keep as a fixture: the
// summary, the fix and the corrected policy, pinned (snapshots in
// __snapshots__/trust-policy-explain-texts.test.ts.snap, reviewed like code), for the External ID on
// file, a wrong one and none at all.
import { explainTrustPolicy } from '../../../../lib/domain/diagnosis/trust-policy';
import { fixtureNames, readFixture } from '../../../support/fixtures';

const DATAPLANE_ROLE = 'arn:aws:iam::111111111111:role/acme-dataplane-role';
const EXTERNAL_ID = 'acme-7Hq2x9Zt-2024';
const NAMES = fixtureNames('trust-policies');

describe('explainTrustPolicy texts', () => {
  it.each(NAMES)('%s', (name) => {
    const policy = readFixture('trust-policies', name);
    const explain = (externalId?: string) => {
      let explanation;
      try {
        explanation = explainTrustPolicy(policy, {
          principalArn: DATAPLANE_ROLE,
          sessionName: 'verify-acme-c1-1',
          ...(externalId !== undefined ? { externalId } : {}),
        });
      } catch (error) {
        // A malformed fixture: what the customer is told is the error.
        return { error: `${(error as Error).name}: ${(error as Error).message}` };
      }
      const { decision, externalIdRequired, summary, fix, correctedPolicy } = explanation;
      return { decision, externalIdRequired, summary, fix, correctedPolicy };
    };
    const onFile = explain(EXTERNAL_ID);
    const outputs = { onFile, wrong: explain('another-external-id'), none: explain() };
    expect(outputs).toMatchSnapshot();
    expect(JSON.stringify(outputs)).not.toContain(EXTERNAL_ID);
  });
});
