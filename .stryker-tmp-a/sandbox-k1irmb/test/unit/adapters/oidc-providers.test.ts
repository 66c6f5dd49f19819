// @ts-nocheck
import {
  CreateOpenIDConnectProviderCommand,
  EntityAlreadyExistsException,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  LimitExceededException,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { IamOidcProvidersAdapter } from '../../../lib/adapters/oidc-providers';
import { QuotaExceeded, TransientAwsError } from '../../../lib/errors';
import type { CallerIdentity } from '../../../lib/ports';
import { awsError } from './sdk-errors';

const iamMock = mockClient(IAMClient);

const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
const PROVIDER_ARN = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789';
const identity: CallerIdentity = { accountId: async () => '111122223333' };

describe('IamOidcProvidersAdapter', () => {
  beforeEach(() => {
    iamMock.reset();
  });

  describe('exists', () => {
    it('is true when IAM has the provider', async () => {
      // Prepare
      iamMock.on(GetOpenIDConnectProviderCommand).resolves({ Url: ISSUER, ClientIDList: ['sts.amazonaws.com'] });
      const providers = new IamOidcProvidersAdapter(new IAMClient({}), identity);

      // Act
      const exists = await providers.exists(PROVIDER_ARN);

      // Assess
      expect(exists).toBe(true);
      expect(iamMock).toHaveReceivedCommandWith(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: PROVIDER_ARN });
    });

    it('is false on NoSuchEntity', async () => {
      // Prepare
      iamMock
        .on(GetOpenIDConnectProviderCommand)
        .rejects(new NoSuchEntityException({ message: 'OpenIDConnect Provider not found', $metadata: {} }));
      const providers = new IamOidcProvidersAdapter(new IAMClient({}), identity);

      // Act
      const exists = await providers.exists(PROVIDER_ARN);

      // Assess
      expect(exists).toBe(false);
    });

    it('throws TransientAwsError when throttled', async () => {
      // Prepare
      iamMock.on(GetOpenIDConnectProviderCommand).rejects(awsError('Throttling', 'Rate exceeded'));
      const providers = new IamOidcProvidersAdapter(new IAMClient({}), identity);

      // Act
      const checking = providers.exists(PROVIDER_ARN);

      // Assess
      await expect(checking).rejects.toThrow(TransientAwsError);
      await expect(checking).rejects.toThrow(`IAM GetOpenIDConnectProvider ${PROVIDER_ARN} was throttled: Rate exceeded`);
    });
  });

  describe('create', () => {
    it('creates the provider for the sts.amazonaws.com audience, without a thumbprint', async () => {
      // Prepare
      iamMock.on(CreateOpenIDConnectProviderCommand).resolves({ OpenIDConnectProviderArn: PROVIDER_ARN });
      const providers = new IamOidcProvidersAdapter(new IAMClient({}), identity);

      // Act
      const arn = await providers.create(ISSUER, { 'managed-by': 'tenant-dataplane-onboarding', 'eks-cluster': 'acme-prod' });

      // Assess
      expect(arn).toBe(PROVIDER_ARN);
      expect(iamMock).toHaveReceivedCommandWith(CreateOpenIDConnectProviderCommand, {
        Url: ISSUER,
        ClientIDList: ['sts.amazonaws.com'],
        Tags: [
          { Key: 'managed-by', Value: 'tenant-dataplane-onboarding' },
          { Key: 'eks-cluster', Value: 'acme-prod' },
        ],
      });
      const input = iamMock.commandCalls(CreateOpenIDConnectProviderCommand)[0]?.args[0].input;
      expect(input).not.toHaveProperty('ThumbprintList');
    });

    it('returns the existing provider ARN when the provider already exists', async () => {
      // Prepare
      iamMock
        .on(CreateOpenIDConnectProviderCommand)
        .rejects(new EntityAlreadyExistsException({ message: 'Provider with url already exists.', $metadata: {} }));
      const providers = new IamOidcProvidersAdapter(new IAMClient({}), identity);

      // Act
      const arn = await providers.create(ISSUER, {});

      // Assess
      expect(arn).toBe(PROVIDER_ARN);
    });

    it('builds the existing ARN in the partition it was given', async () => {
      // Prepare
      iamMock.on(CreateOpenIDConnectProviderCommand).rejects(awsError('EntityAlreadyExists', 'exists', { httpStatusCode: 409 }));
      const providers = new IamOidcProvidersAdapter(new IAMClient({}), identity, 'aws-cn');

      // Act
      const arn = await providers.create('https://oidc.eks.cn-north-1.amazonaws.com.cn/id/XYZ', {});

      // Assess
      expect(arn).toBe('arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/XYZ');
    });

    it('throws QuotaExceeded when the account has no room for another provider', async () => {
      // Prepare
      iamMock
        .on(CreateOpenIDConnectProviderCommand)
        .rejects(new LimitExceededException({ message: 'Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100', $metadata: {} }));
      const providers = new IamOidcProvidersAdapter(new IAMClient({}), identity);

      // Act
      const creating = providers.create(ISSUER, {});

      // Assess
      await expect(creating).rejects.toThrow(QuotaExceeded);
      await expect(creating).rejects.toThrow(`IAM CreateOpenIDConnectProvider ${ISSUER} hit an account quota`);
    });
  });
});
