// @ts-nocheck
// Automatic onboarding through EventBridge events: schemas, what an event asks for, and the starter.
export * from './schemas';
export { readEvent, type EventReading, type EventRequest, type OnboardingInput, type RejectedEvent, type RejectionName, type VerificationInput } from './event-request';
export { externalIdScrubber, externalIdsSeen, type ExternalIdSeen } from './external-ids';
export { COMPLAINT_START_TIME, handleEvent, type EventHandlingDeps, type EventLog, type EventOutcome } from './handle-event';
