// The public contract of demarche's events: what a downstream service may import.
export * from './cloudevents.js';
