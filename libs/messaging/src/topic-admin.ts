import type { Kafka } from './kafka.js';
import type { TopicSpec } from './topics.js';

/** Creates missing topics with their declared partitions and retention; reports drift on existing ones. */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      await admin
        .createTopics({
          waitForLeaders: true,
          topics: missing.map((s) => ({ ...s, configEntries: [...s.configEntries] })),
        })
        .catch(async (error: unknown) => {
          // Another process may have created them a moment ago; only a topic still missing is a failure.
          const now = new Set(await admin.listTopics());
          if (missing.some((s) => !now.has(s.topic))) throw error;
        });
    }
    const warnings: string[] = [];
    const present = specs.filter((s) => existing.has(s.topic));
    if (present.length > 0) {
      const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
      for (const topic of metadata.topics) {
        const spec = present.find((s) => s.topic === topic.name);
        if (spec && topic.partitions.length !== spec.numPartitions) {
          warnings.push(
            `${topic.name} has ${topic.partitions.length} partitions, declared ${spec.numPartitions}`,
          );
        }
      }
    }
    return warnings;
  } finally {
    await admin.disconnect();
  }
}

/** Succeeds when a broker answers metadata requests. */
export async function pingKafka(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

/** Whether every topic exists now (each is created by the process that owns it); it does not wait for them. */
export async function topicsExist(kafka: Kafka, topics: readonly string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    return topics.every((t) => existing.has(t));
  } finally {
    await admin.disconnect();
  }
}
