// A connection as an event carries it (TargetRoleConfigured's detail, TenantCreated's targetRoles):
// a connection's rules, and the External ID's length as sts:AssumeRole takes it — caught here, before
// anything is stored. Its characters are the pre-flight's to explain to the customer.
import { EXTERNAL_ID_MAX_LENGTH, EXTERNAL_ID_MIN_LENGTH } from '../external-id';
import { connectionFields } from './connection';
import { checkedString } from './fields';

export const eventExternalId = checkedString('is required', (value) => {
  if (value.length === 0) return ['must not be empty'];
  if (value.length >= EXTERNAL_ID_MIN_LENGTH && value.length <= EXTERNAL_ID_MAX_LENGTH) return [];
  return [`is ${value.length} character${value.length === 1 ? '' : 's'} long; AWS allows ${EXTERNAL_ID_MIN_LENGTH}-${EXTERNAL_ID_MAX_LENGTH}`];
}).meta({
  description: "The External ID the target role requires (sts:ExternalId): AWS takes 2-1224 characters from letters, digits and _+=,.@:/-. Never logged or recorded in clear, only as its length and fingerprint.",
  minLength: EXTERNAL_ID_MIN_LENGTH,
  maxLength: EXTERNAL_ID_MAX_LENGTH,
});

export const eventConnectionFields = {
  connectionId: connectionFields.connectionId,
  roleArn: connectionFields.roleArn,
  externalId: eventExternalId,
  resource: connectionFields.resource,
};
