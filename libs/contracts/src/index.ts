// The public contract of demarche's events: what a downstream service may import.
export * from './asyncapi.js';
export * from './cloudevents.js';
export * from './derived.js';
export * from './events/index.js';
export * from './schema-files.js';
export * from './topics.js';
export * from './validation.js';
