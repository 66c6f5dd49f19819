// @ts-nocheck
// The one Logger of the functions, configured by POWERTOOLS_* environment variables in the stack.
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'tenant-dataplane-onboarding' });
