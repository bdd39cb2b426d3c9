import type { DomainEvent } from '#domain';
import { engagementTopic } from './topics.js';

/**
 * Which topic and key an event goes out on. Country records are keyed by country so each country's events stay
 * in order; registry records (vendors) are keyed by their stream, as they belong to no country's campaign.
 */
export function eventRouter(
  topicPrefix: string,
): (event: DomainEvent, streamId: string) => { topic: string; key: string } {
  const topic = engagementTopic(topicPrefix);
  return (event, streamId) => ({ topic, key: streamId.startsWith('vendor-') ? streamId : event.country });
}
