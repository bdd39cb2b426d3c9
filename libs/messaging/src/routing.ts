import type { DomainEvent } from '#domain';
import { engagementTopic } from './topics.js';

/** Which topic and key an event goes out on: keyed by country so a country's events stay in order. */
export function eventRouter(topicPrefix: string): (event: DomainEvent) => { topic: string; key: string } {
  const topic = engagementTopic(topicPrefix);
  return (event) => ({ topic, key: event.country });
}
