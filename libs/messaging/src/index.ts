export * from './envelope.js';
export * from './kafka.js';
export * from './publisher.js';
export * from './routing.js';
export * from './topic-admin.js';
export * from './topic-reader.js';
export * from './topics.js';
