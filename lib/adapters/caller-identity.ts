import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallerIdentity } from '../ports';
import { mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';

export class StsCallerIdentity implements CallerIdentity {
  // The account never changes for the life of a function instance, so one STS call is enough.
  private account: Promise<string> | undefined;

  constructor(private readonly sts: STSClient) {}

  accountId(): Promise<string> {
    this.account ??= this.lookUp().catch((error: unknown) => {
      // A failed look-up must not be cached: the next call (or the state machine's retry) tries again.
      this.account = undefined;
      throw error;
    });
    return this.account;
  }

  private async lookUp(): Promise<string> {
    let account: string | undefined;
    try {
      account = (await this.sts.send(new GetCallerIdentityCommand({}))).Account;
    } catch (error) {
      throw mapAwsError(error, { service: 'STS', operation: 'GetCallerIdentity', resource: 'caller' });
    }
    if (!account) throw new Error('STS GetCallerIdentity returned no account id');
    return account;
  }
}

export const callerIdentityAdapter: AdapterFactory<CallerIdentity> = (config) =>
  new StsCallerIdentity(sharedClient('sts', STSClient, config.region));
