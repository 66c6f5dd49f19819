// @ts-nocheck
import {
  CreateOpenIDConnectProviderCommand,
  EntityAlreadyExistsException,
  GetOpenIDConnectProviderCommand,
  InvalidInputException,
  LimitExceededException,
  ListOpenIDConnectProvidersCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { defaultOidcIssuer } from '../../../lib/sandbox';
import { Fixture, REGION, rejectionOf, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
const ARN = `arn:aws:iam::${VENDOR_ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`;

describe('sandbox IAM OIDC providers', () => {
  let f: Fixture;

  beforeEach(() => {
    f = startSandbox({ clusters: [] });
  });
  afterEach(stopSandbox);

  const create = (url = ISSUER) =>
    f.clients.iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: url,
        ClientIDList: ['sts.amazonaws.com'],
        Tags: [{ Key: 'eks-cluster', Value: 'acme-prod' }],
      }),
    );

  it('creates a provider whose ARN is the issuer without its scheme, and gets and lists it', async () => {
    // Act
    const created = await create();
    const got = await f.clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN }));
    const listed = await f.clients.iam.send(new ListOpenIDConnectProvidersCommand({}));

    // Assess
    expect(created.OpenIDConnectProviderArn).toBe(ARN);
    expect(got).toMatchObject({
      Url: 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
      ClientIDList: ['sts.amazonaws.com'],
      Tags: [{ Key: 'eks-cluster', Value: 'acme-prod' }],
    });
    expect(got.ThumbprintList?.[0]).toMatch(/^[0-9a-f]{40}$/);
    expect(got.CreateDate).toEqual(new Date(f.clock.now));
    expect(listed.OpenIDConnectProviderList).toEqual([{ Arn: ARN }]);
    expect(f.sandbox.listOidcProviders()).toMatchObject([{ arn: ARN, issuerUrl: ISSUER, tags: { 'eks-cluster': 'acme-prod' } }]);
  });

  it('refuses a second provider for the same URL with EntityAlreadyExists (409)', async () => {
    // Prepare
    await create();

    // Act
    const error = await rejectionOf(create());

    // Assess
    expect(error).toBeInstanceOf(EntityAlreadyExistsException);
    expect(error.message).toBe(`Provider with url ${ISSUER} already exists.`);
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('reports an unknown provider as NoSuchEntity and a malformed ARN as InvalidInput', async () => {
    // Act
    const missing = await rejectionOf(f.clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ARN })));
    const malformed = await rejectionOf(
      f.clients.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::111111111111:role/x' })),
    );

    // Assess
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing.message).toBe(`OpenIDConnect Provider not found for arn ${ARN}`);
    expect(malformed).toBeInstanceOf(InvalidInputException);
  });

  it('enforces the OIDC-providers-per-account quota', async () => {
    // Prepare
    f = startSandbox({ clusters: [], quotas: { oidcProvidersPerAccount: 1 } });
    await create();

    // Act
    const error = await rejectionOf(create('https://oidc.eks.eu-west-1.amazonaws.com/id/FFFF'));

    // Assess
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error.message).toBe('Cannot exceed quota for OpenIdConnectProvidersPerAccount: 1');
  });

  it('creates the provider of a scenario cluster marked oidcProviderExists, for its derived issuer', () => {
    // Prepare
    f = startSandbox({ clusters: [{ name: 'acme-prod', oidcProviderExists: true }, { name: 'globex-prod' }] });

    // Act
    const providers = f.sandbox.listOidcProviders();

    // Assess
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({
      issuerUrl: defaultOidcIssuer(VENDOR_ACCOUNT, REGION, 'acme-prod'),
      clientIds: ['sts.amazonaws.com'],
    });
  });
});
