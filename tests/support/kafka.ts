import { createKafka, type KafkaMessage } from '#messaging';
import { testKafka } from './env.js';
import { waitFor } from './wait.js';

export interface ConsumedRecord {
  readonly partition: number;
  readonly key: string | null;
  readonly headers: Record<string, string>;
  readonly value: Record<string, unknown>;
  readonly offset: string;
}

function headersOf(message: KafkaMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
}

/** Reads a topic from the start with a plain kafkajs consumer, as a downstream service would. */
export async function readTopic(
  topic: string,
  expected: number,
  {
    brokers,
    timeoutMs = 30_000,
    only = (_record: ConsumedRecord) => true,
  }: { brokers?: string; timeoutMs?: number; only?: (record: ConsumedRecord) => boolean } = {},
): Promise<ConsumedRecord[]> {
  // A private broker (fault tests) runs PLAINTEXT; the shared one signs us in.
  const kafka = createKafka(brokers ? { brokers: brokers.split(',') } : testKafka(), 'downstream-test');
  const consumer = kafka.consumer({ groupId: `downstream-${Math.random().toString(36).slice(2)}` });
  const records: ConsumedRecord[] = [];
  const admin = kafka.admin();
  await admin.connect();
  await waitFor(async () => ((await admin.listTopics()).includes(topic) ? true : undefined), {
    what: `topic ${topic}`,
  });
  await admin.disconnect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const record = {
          partition,
          key: message.key?.toString() ?? null,
          headers: headersOf(message),
          value: JSON.parse(message.value?.toString() ?? 'null'),
          offset: message.offset,
        };
        if (only(record)) records.push(record);
      },
    });
    await waitFor(async () => (records.length >= expected ? true : undefined), {
      timeoutMs,
      what: `${expected} records on ${topic} (have ${records.length})`,
    });
    return records;
  } finally {
    await consumer.disconnect();
  }
}
