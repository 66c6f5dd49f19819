// The environment serverless.yml gives every function of the prod stage, as lib/config.ts reads it.
export const PROD_FUNCTION_ENV = {
  AWS_REGION: 'eu-west-1',
  STATUS_TABLE_NAME: 'tenant-dataplane-onboarding-prod-status',
  ACCOUNT_MANAGER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/tenant-dataplane-onboarding-prod-account-manager.fifo',
  DATAPLANE_BOUNDARY_ARN: 'arn:aws:iam::111111111111:policy/tenant-dataplane-onboarding-prod-eu-west-1-dataplane-boundary',
  VERIFIER_ROLE_ARN: 'arn:aws:iam::111111111111:role/verifier',
  STACK_NAME: 'tenant-dataplane-onboarding-prod',
};
