/** A topic as the project declares it: created explicitly, never by broker auto-creation. */
export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
  readonly replicationFactor: number;
  readonly configEntries: readonly { name: string; value: string }[];
}

/** Engagement events, keyed by country. Kept forever: projections are rebuilt from it. */
export function engagementTopic(prefix: string): string {
  return `${prefix}.engagement`;
}

export function engagementTopicSpec(
  prefix: string,
  numPartitions: number,
  replicationFactor: number,
): TopicSpec {
  return {
    topic: engagementTopic(prefix),
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

/** Records the projector could not apply, with the error and their source position in headers. */
export function deadLetterTopic(prefix: string): string {
  return `${engagementTopic(prefix)}.dlq`;
}

export function deadLetterTopicSpec(
  prefix: string,
  numPartitions: number,
  replicationFactor: number,
): TopicSpec {
  return { ...engagementTopicSpec(prefix, numPartitions, replicationFactor), topic: deadLetterTopic(prefix) };
}
