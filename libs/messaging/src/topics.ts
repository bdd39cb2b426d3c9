import { engagementTopic as contractEngagementTopic, derivedTopic } from '#contracts';
import { CLASSIFICATIONS, type Classification } from '#domain';

/** A topic as the project declares it: created explicitly, never by broker auto-creation. */
export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly configEntries: readonly { name: string; value: string }[];
}

/**
 * Engagement events of one classification level, keyed by country. One topic per level, so the broker can grant
 * a consumer exactly the levels it is cleared for (ACLs are per topic). Kept forever: projections are rebuilt
 * from them.
 */
export function engagementTopic(prefix: string, level: Classification): string {
  return contractEngagementTopic(prefix, level);
}

/** Every level's engagement topic, lowest level first. */
export function engagementTopics(prefix: string): string[] {
  return CLASSIFICATIONS.map((level) => engagementTopic(prefix, level));
}

/**
 * The single topic every level shared before topics per level: retired. Nothing publishes to it or reads it any
 * more (migration 1764086400014 republished every event onto its level's topic); it is named here only so that
 * tools can tell an operator it may be deleted.
 */
export function retiredEngagementTopic(prefix: string): string {
  return `${prefix}.engagement`;
}

function engagementSpec(topic: string, numPartitions: number, replicationFactor: number): TopicSpec {
  return {
    topic,
    numPartitions,
    replicationFactor,
    configEntries: [
      { name: 'retention.ms', value: '-1' },
      { name: 'retention.bytes', value: '-1' },
      { name: 'cleanup.policy', value: 'delete' },
      { name: 'min.insync.replicas', value: String(Math.min(2, replicationFactor)) },
    ],
  };
}

/** The four engagement topics as the relay creates them. */
export function engagementTopicSpecs(
  prefix: string,
  numPartitions: number,
  replicationFactor: number,
): TopicSpec[] {
  return engagementTopics(prefix).map((topic) => engagementSpec(topic, numPartitions, replicationFactor));
}

/**
 * Where the projector sends a record of `sourceTopic` it could not apply: the dead-letter topic of the same
 * level, so a dead letter is readable by exactly those cleared for its source.
 */
export function deadLetterTopicOf(sourceTopic: string): string {
  return `${sourceTopic}.dlq`;
}

/** Records of one level the projector could not apply, with the error and their source position in headers. */
export function deadLetterTopic(prefix: string, level: Classification): string {
  return deadLetterTopicOf(engagementTopic(prefix, level));
}

/** Every level's dead-letter topic, lowest level first. */
export function deadLetterTopics(prefix: string): string[] {
  return CLASSIFICATIONS.map((level) => deadLetterTopic(prefix, level));
}

/** The four dead-letter topics as the projector creates them. */
export function deadLetterTopicSpecs(
  prefix: string,
  numPartitions: number,
  replicationFactor: number,
): TopicSpec[] {
  return deadLetterTopics(prefix).map((topic) => engagementSpec(topic, numPartitions, replicationFactor));
}

/** Every level's topic of derived events (libs/contracts: derived.ts), lowest level first. */
export function derivedTopics(prefix: string): string[] {
  return CLASSIFICATIONS.map((level) => derivedTopic(prefix, level));
}

/** The four derived-event topics as the projector creates them (kept forever, like the record's). */
export function derivedTopicSpecs(
  prefix: string,
  numPartitions: number,
  replicationFactor: number,
): TopicSpec[] {
  return derivedTopics(prefix).map((topic) => engagementSpec(topic, numPartitions, replicationFactor));
}
