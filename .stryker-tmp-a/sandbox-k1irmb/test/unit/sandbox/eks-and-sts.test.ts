// @ts-nocheck
import { DescribeClusterCommand, ListClustersCommand, ResourceNotFoundException } from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createAwsClients } from '../../../lib/adapters/aws-clients';
import { defaultOidcIssuer } from '../../../lib/sandbox';
import { Fixture, REGION, rejectionOf, startSandbox, stopSandbox, VENDOR_ACCOUNT } from './sandbox-fixture';

describe('sandbox EKS', () => {
  let f: Fixture;

  beforeEach(() => {
    f = startSandbox({
      clusters: [
        { name: 'acme-prod' },
        { name: 'initech-dev', status: 'CREATING', oidcIssuer: null },
        { name: 'globex-prod', oidcIssuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' },
        { name: 'us-cluster', region: 'us-east-1' },
      ],
    });
  });
  afterEach(stopSandbox);

  it('describes a cluster with its ARN, status and derived OIDC issuer', async () => {
    // Act
    const { cluster } = await f.clients.eks.send(new DescribeClusterCommand({ name: 'acme-prod' }));

    // Assess
    expect(cluster).toMatchObject({
      name: 'acme-prod',
      arn: `arn:aws:eks:${REGION}:${VENDOR_ACCOUNT}:cluster/acme-prod`,
      status: 'ACTIVE',
      identity: { oidc: { issuer: defaultOidcIssuer(VENDOR_ACCOUNT, REGION, 'acme-prod') } },
    });
    expect(cluster?.identity?.oidc?.issuer).toMatch(/^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
  });

  it('describes a cluster without an issuer, and one with the issuer the scenario gave', async () => {
    // Act
    const { cluster: creating } = await f.clients.eks.send(new DescribeClusterCommand({ name: 'initech-dev' }));
    const { cluster: globex } = await f.clients.eks.send(new DescribeClusterCommand({ name: 'globex-prod' }));

    // Assess
    expect(creating?.status).toBe('CREATING');
    expect(creating?.identity).toBeUndefined();
    expect(globex?.identity?.oidc?.issuer).toBe('https://oidc.eks.eu-west-1.amazonaws.com/id/ABC');
  });

  it('reports an unknown cluster as ResourceNotFoundException (404) with EKS\'s message', async () => {
    // Act
    const error = await rejectionOf(f.clients.eks.send(new DescribeClusterCommand({ name: 'nope' })));

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('No cluster found for name: nope.');
    expect(error.clusterName).toBe('nope');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('keeps clusters per region: a client in another region does not see them', async () => {
    // Prepare
    const us = createAwsClients({ region: 'us-east-1' });

    // Act
    const inUs = await us.eks.send(new ListClustersCommand({}));
    const error = await rejectionOf(us.eks.send(new DescribeClusterCommand({ name: 'acme-prod' })));

    // Assess
    expect(inUs.clusters).toEqual(['us-cluster']);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('sandbox STS', () => {
  let f: Fixture;

  beforeEach(() => {
    f = startSandbox();
  });
  afterEach(stopSandbox);

  it('says the caller is a session of the functions\' execution role in the vendor account', async () => {
    // Act
    const identity = await f.clients.sts.send(new GetCallerIdentityCommand({}));

    // Assess
    expect(identity.Account).toBe(VENDOR_ACCOUNT);
    expect(identity.Arn).toBe(
      `arn:aws:sts::${VENDOR_ACCOUNT}:assumed-role/tenant-dataplane-onboarding-lambda/tenant-dataplane-onboarding`,
    );
    expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:tenant-dataplane-onboarding$/);
    expect(f.sandbox.executionRoleArn).toBe(`arn:aws:iam::${VENDOR_ACCOUNT}:role/tenant-dataplane-onboarding-lambda`);
  });

  it('answers as another identity for clients given that identity\'s credentials', async () => {
    // Prepare
    const credentials = f.sandbox.addPrincipal('arn:aws:iam::222222222222:user/support');
    const support = createAwsClients({ region: REGION, credentials });

    // Act
    const identity = await support.sts.send(new GetCallerIdentityCommand({}));

    // Assess
    expect(identity).toMatchObject({ Account: '222222222222', Arn: 'arn:aws:iam::222222222222:user/support' });
    expect(identity.UserId).toMatch(/^AIDA/);
  });

  it('rejects credentials it never issued with InvalidClientTokenId (403)', async () => {
    // Prepare
    const stranger = createAwsClients({ region: REGION, credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } });

    // Act
    const error = await rejectionOf(stranger.sts.send(new GetCallerIdentityCommand({})));

    // Assess
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.message).toBe('The security token included in the request is invalid.');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(f.sandbox.calls.at(-1)).toMatchObject({ principal: 'unknown', error: 'InvalidClientTokenId' });
  });
});
