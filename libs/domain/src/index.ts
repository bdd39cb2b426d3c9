export * from './engagement/engagement.decider.js';
export * from './engagement/envoy-meeting-held.event.js';
export * from './engagement/record-envoy-meeting.command.js';
export * from './shared/classification.js';
export * from './shared/decider.js';
export * from './shared/errors.js';
export * from './shared/event.js';
export * from './timeline/timeline-entry.js';
