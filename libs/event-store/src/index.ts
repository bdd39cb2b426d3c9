export * from './after-commit-outbox.js';
export * from './audit-log.js';
export * from './database.js';
export * from './errors.js';
export * from './event-log.js';
export * from './outbox.js';
export * from './outbox-signal.js';
export * from './postgres-event-store.js';
export { type EventRow, toRecordedEvent, toStoredEvent } from './rows.js';
