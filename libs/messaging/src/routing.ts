import { CLASSIFICATIONS, type Classification, type DomainEvent } from '#domain';
import { engagementTopic } from './topics.js';

function levelOf(event: DomainEvent): Classification {
  if (!(CLASSIFICATIONS as readonly string[]).includes(event.classification)) {
    // Never guess a level: a topic too low would hand the event to readers not cleared for it.
    throw new Error(`event ${event.type} has no known classification: ${String(event.classification)}`);
  }
  return event.classification;
}

/**
 * Which topic and key an event goes out on: the topic of its classification level. Country records are keyed by
 * country so each country's events stay in order within a level; registry records (vendors, unclassified by the
 * domain) are keyed by their stream, as they belong to no country's campaign. A correction or retraction carries
 * the classification of the entry it changes (see decideCorrection), so it goes to that entry's topic; and as
 * every event of a stream carries the stream's level, a stream's events share one topic and partition and keep
 * their order there.
 */
export function eventRouter(
  topicPrefix: string,
): (event: DomainEvent, streamId: string) => { topic: string; key: string } {
  return (event, streamId) => ({
    topic: engagementTopic(topicPrefix, levelOf(event)),
    key: streamId.startsWith('vendor-') ? streamId : event.country,
  });
}
