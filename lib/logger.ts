// The one Logger of the functions, configured by POWERTOOLS_* environment variables in the stack.
import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from './service-name';

export const logger = new Logger({ serviceName: SERVICE_NAME });
