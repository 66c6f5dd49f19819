import { CreateOpenIDConnectProviderCommand, GetOpenIDConnectProviderCommand, IAMClient } from '@aws-sdk/client-iam';
import { oidcProviderArn } from '../domain/onboarding/policies';
import type { CallerIdentity, OidcProviders } from '../ports';
import { isAwsError, mapAwsError } from './aws-errors';
import { toIamTags } from './iam-roles';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';
import { callerIdentityAdapter } from './caller-identity';
import { partitionOfRegion } from './partition';

/** The audience IRSA tokens carry; the only client id the provider must accept. */
export const IRSA_AUDIENCE = 'sts.amazonaws.com';

export class IamOidcProvidersAdapter implements OidcProviders {
  constructor(
    private readonly iam: IAMClient,
    private readonly identity: CallerIdentity,
    /** The partition of the dataplane account: aws, aws-cn or aws-us-gov. */
    private readonly partition = 'aws',
  ) {}

  async exists(providerArn: string): Promise<boolean> {
    try {
      await this.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }));
      return true;
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntityException', 'NoSuchEntity')) return false;
      throw mapAwsError(error, { service: 'IAM', operation: 'GetOpenIDConnectProvider', resource: providerArn });
    }
  }

  async create(issuerUrl: string, tags: Record<string, string>): Promise<string> {
    let arn: string | undefined;
    try {
      // No ThumbprintList: it is optional, IAM obtains the issuer's thumbprint itself and relies on its
      // own trusted root CAs for EKS issuers.
      const output = await this.iam.send(
        new CreateOpenIDConnectProviderCommand({ Url: issuerUrl, ClientIDList: [IRSA_AUDIENCE], Tags: toIamTags(tags) }),
      );
      arn = output.OpenIDConnectProviderArn;
    } catch (error) {
      // Created meanwhile by an onboarding of another tenant on the same cluster, or by eksctl: the
      // provider's ARN is fully determined by the account and the issuer, so converge on it.
      if (isAwsError(error, 'EntityAlreadyExistsException', 'EntityAlreadyExists')) {
        return oidcProviderArn(await this.identity.accountId(), issuerUrl, this.partition);
      }
      throw mapAwsError(error, { service: 'IAM', operation: 'CreateOpenIDConnectProvider', resource: issuerUrl });
    }
    if (!arn) throw new Error(`IAM CreateOpenIDConnectProvider ${issuerUrl} succeeded but returned no provider ARN`);
    return arn;
  }
}

export const oidcProvidersAdapter: AdapterFactory<OidcProviders> = (config, use) =>
  new IamOidcProvidersAdapter(sharedClient('iam', IAMClient, config.region), use(callerIdentityAdapter), partitionOfRegion(config.region));
