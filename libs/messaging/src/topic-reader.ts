import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from './kafka.js';

/** Records of one partition, in offset order, all below the end the read stops at. */
export type EachTopicBatch = (partition: number, messages: readonly KafkaMessage[]) => Promise<void>;

/**
 * Reads a topic from its start up to its end as the read began (records produced later are left out), handing
 * each partition's records over a batch at a time, on a consumer group of its own (`<groupPrefix>-<uuid>`), so no
 * other reader's offsets move. Resolves once every partition is read to that end; an empty topic reads nothing.
 * Rejects with the first error `eachBatch` throws, and hands over nothing after it.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  groupPrefix: string,
  eachBatch: EachTopicBatch,
  /** Partitions handed over side by side (each still one batch at a time, in order). */
  { partitionsConcurrently = 1 }: { partitionsConcurrently?: number } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]),
  );
  if (remaining.size === 0) return;
  const consumer = kafka.consumer({ groupId: `${groupPrefix}-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      // Batches being handed over: the read is done when every partition reached its end and none is in flight.
      let inFlight = 0;
      consumer
        .run({
          partitionsConsumedConcurrently: partitionsConcurrently,
          eachBatch: async ({ batch }) => {
            const end = remaining.get(batch.partition);
            if (failed || end === undefined) return;
            const messages = batch.messages.filter((m) => BigInt(m.offset) < end);
            if (messages.some((m) => BigInt(m.offset) + 1n >= end)) remaining.delete(batch.partition);
            inFlight += 1;
            try {
              if (messages.length > 0) await eachBatch(batch.partition, messages);
            } catch (error) {
              failed = true;
              reject(error);
              return;
            } finally {
              inFlight -= 1;
            }
            if (remaining.size === 0 && inFlight === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
