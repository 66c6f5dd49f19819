// The service's name: serverless.yml's `service`, the Powertools service name, the prefix of every
// resource the stack names (functions, tables, queues, state machines).
export const SERVICE_NAME = 'tenant-dataplane-onboarding';
