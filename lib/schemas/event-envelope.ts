// The envelope EventBridge puts around the tenant platform's events, as it delivers them to a Lambda
// function. It is not strict: EventBridge adds fields of its own (e.g. `replay-name` when an archive is
// replayed), and none of them changes what the event asks for.
import * as z from 'zod';
import { ROLE_ARN_MAX_LENGTH } from '../domain/role-arn';
import { cappedArray, cappedString } from './fields';

import { EVENT_SOURCE } from './detail-types';

export { DETAIL_TYPES, type DetailType, EVENT_SOURCE, isDetailType, TARGET_ROLE_CONFIGURED, TENANT_CREATED } from './detail-types';

/** Enough for any id, version, account or region EventBridge writes. */
const ENVELOPE_FIELD_MAX_LENGTH = 256;
const RESOURCES_MAX = 20;

export const envelopeShape = {
  version: cappedString(ENVELOPE_FIELD_MAX_LENGTH).meta({ examples: ['0'] }),
  id: cappedString(ENVELOPE_FIELD_MAX_LENGTH)
    .refine((id) => id.length > 0, {
      message: 'must not be empty: it names the execution, so that a redelivered event starts nothing new',
    })
    .meta({ description: 'The event id: names the execution it starts, so that a redelivered event starts nothing new' }),
  source: z.literal(EVENT_SOURCE),
  account: cappedString(ENVELOPE_FIELD_MAX_LENGTH),
  // Its content is checked against the function's clock (eventTimeProblem), which quotes only a prefix.
  time: z.string().meta({
    description: "When the platform emitted the event, in UTC (EventBridge's format); orders the configurations of a connection",
    examples: ['2026-11-23T10:05:00Z'],
  }),
  region: cappedString(ENVELOPE_FIELD_MAX_LENGTH),
  resources: cappedArray(cappedString(ROLE_ARN_MAX_LENGTH), RESOURCES_MAX),
};

/** The envelope alone, with any detail-type and detail: what every event must have before its detail is read. */
export const envelopeSchema = z.looseObject({ ...envelopeShape, 'detail-type': z.string().min(1), detail: z.unknown().optional() });
