// The request digest an execution's input carries for the Idempotency-Key check is readable by anyone
// who can read the execution. It must tell two requests apart without letting a reader confirm a
// guessed External ID any better than the fingerprint the status already shows.
import { createHash } from 'node:crypto';
import { requestDigest } from '../../../lib/api/idempotency';

const connection = (externalId: string) => ({
  connectionId: 'acme-s3',
  roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read',
  externalId,
});

describe('the request digest of a verification request', () => {
  it('differs when only a connection\'s External ID differs', () => {
    // Act
    const first = requestDigest({ tenantId: 'acme', connections: [connection('acme-7Hq2vX9pLm')] });
    const second = requestDigest({ tenantId: 'acme', connections: [connection('acme-7Hq2vX9pLn')] });

    // Assess
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
  });

  it('is the same for the same request written in another key order', () => {
    const reordered = { externalId: 'acme-7Hq2vX9pLm', roleArn: connection('x').roleArn, connectionId: 'acme-s3' };
    expect(requestDigest({ connections: [reordered], tenantId: 'acme' })).toBe(
      requestDigest({ tenantId: 'acme', connections: [connection('acme-7Hq2vX9pLm')] }),
    );
  });

  it('cannot be recomputed from a guessed External ID: it is taken over the fingerprint, not the value', () => {
    // Prepare: what a reader of the execution who guessed the External ID would compute
    const secret = 'acme-7Hq2vX9pLm';
    const canonicalWithSecret = JSON.stringify({
      connections: [{ connectionId: 'acme-s3', externalId: secret, roleArn: connection('x').roleArn }],
      tenantId: 'acme',
    });
    const guessed = createHash('sha256').update(canonicalWithSecret).digest('hex');

    // Act
    const digest = requestDigest({ tenantId: 'acme', connections: [connection(secret)] });

    // Assess
    expect(digest).not.toBe(guessed);
    expect(digest).toBe(
      requestDigest({
        tenantId: 'acme',
        connections: [{ ...connection('x'), externalId: { length: secret.length, fingerprint: createHash('sha256').update(secret).digest('hex').slice(0, 8) } }],
      }),
    );
  });
});
