import { type DerivedEvent, decodeDerivedRecord, decodeEventRecord, type EventEnvelope } from '#contracts';
import { createKafka, type KafkaMessage } from '#messaging';
import { testKafka } from './env.js';
import { waitFor } from './wait.js';

export interface ConsumedRecord<E = EventEnvelope> {
  readonly partition: number;
  readonly key: string | null;
  readonly headers: Record<string, string>;
  /** The value as JSON: in CloudEvents binary mode, the event's data. */
  readonly value: Record<string, unknown>;
  /** The event the record carries, read from its headers and value with libs/contracts, as a downstream service does. */
  readonly event: E;
  readonly offset: string;
}

type ReadOptions<E> = {
  brokers?: string;
  timeoutMs?: number;
  only?: (record: ConsumedRecord<E>) => boolean;
  /** Count records by this key: at-least-once delivery may repeat a record, and a repeat is not a new one. */
  distinctBy?: (record: ConsumedRecord<E>) => string;
};

/** Reads a topic of recorded events from the start with a plain kafkajs consumer, as a downstream service would. */
export function readTopic(
  topic: string,
  expected: number,
  options: ReadOptions<EventEnvelope> = {},
): Promise<ConsumedRecord[]> {
  return readDecoded(topic, expected, decodeEventRecord, options);
}

/** Reads a topic of derived events (libs/contracts: derived.ts) from the start, as a downstream service would. */
export function readDerivedTopic(
  topic: string,
  expected: number,
  options: ReadOptions<DerivedEvent> = {},
): Promise<ConsumedRecord<DerivedEvent>[]> {
  return readDecoded(topic, expected, decodeDerivedRecord, options);
}

function headersOf(message: KafkaMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
}

async function readDecoded<E>(
  topic: string,
  expected: number,
  decode: (headers: KafkaMessage['headers'], value: Buffer | null) => E,
  { brokers, timeoutMs = 30_000, only = () => true, distinctBy }: ReadOptions<E>,
): Promise<ConsumedRecord<E>[]> {
  // A private broker (fault tests) runs PLAINTEXT; the shared one signs us in.
  const kafka = createKafka(brokers ? { brokers: brokers.split(',') } : testKafka(), 'downstream-test');
  const consumer = kafka.consumer({ groupId: `downstream-${Math.random().toString(36).slice(2)}` });
  const records: ConsumedRecord<E>[] = [];
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
          event: decode(message.headers, message.value),
          offset: message.offset,
        };
        if (only(record)) records.push(record);
      },
    });
    const count = () => (distinctBy ? new Set(records.map(distinctBy)).size : records.length);
    await waitFor(async () => (count() >= expected ? true : undefined), {
      timeoutMs,
      what: `${expected} records on ${topic} (have ${count()})`,
    });
    return records;
  } finally {
    await consumer.disconnect();
  }
}
