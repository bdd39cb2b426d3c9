import { randomUUID } from 'node:crypto';
import type { AppConfig } from '#config';
import { createPool, withTransaction } from '#event-store';
import {
  createKafka,
  DEAD_LETTER_HEADERS,
  deadLetterTopic,
  EventPublisher,
  type KafkaMessage,
} from '#messaging';

const REPLAYED = `SELECT partition, "offset"::text AS "offset" FROM dead_letter_replays WHERE topic = $1`;
const UNPARK = `DELETE FROM projection_parked_streams WHERE stream_id = ANY($1::text[])`;
const RECORD_REPLAY = `
INSERT INTO dead_letter_replays (topic, partition, "offset")
SELECT $1, p, o FROM unnest($2::int[], $3::bigint[]) AS r(p, o) ON CONFLICT DO NOTHING`;

/** A record on the dead-letter topic, as an operator sees it. */
export interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string | null;
  readonly type: string | null;
  readonly streamId: string | null;
  readonly error: string;
  readonly source: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly failedAt: string;
  readonly replayed: boolean;
  readonly message: KafkaMessage;
}

function header(message: KafkaMessage, name: string): string {
  const value = message.headers?.[name];
  return value === undefined ? '' : String(Array.isArray(value) ? value[0] : value);
}

function envelopeOf(message: KafkaMessage): { eventId?: string; type?: string; streamId?: string } {
  try {
    return JSON.parse(message.value?.toString() ?? 'null') ?? {};
  } catch {
    return {};
  }
}

/** Reads the whole dead-letter topic (up to its current end) and marks what was already replayed. */
export async function listDeadLetters(config: AppConfig): Promise<DeadLetter[]> {
  const topic = deadLetterTopic(config.kafka.topicPrefix);
  const kafka = createKafka(config.kafka.brokers, `${config.kafka.clientId}-dlq`);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => [e.partition, BigInt(e.high)]),
  );
  const messages: { partition: number; message: KafkaMessage }[] = [];
  if (remaining.size > 0) {
    const consumer = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              messages.push({ partition, message });
              if (BigInt(message.offset) + 1n >= (remaining.get(partition) ?? 0n))
                remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }
  const pool = createPool(config.databaseUrl, 1);
  const replayed = await pool
    .query<{ partition: number; offset: string }>(REPLAYED, [topic])
    .finally(() => pool.end());
  const done = new Set(replayed.rows.map((r) => `${r.partition}:${r.offset}`));
  return messages
    .sort((a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)))
    .map(({ partition, message }) => {
      const envelope = envelopeOf(message);
      return {
        partition,
        offset: message.offset,
        eventId: envelope.eventId ?? null,
        type: envelope.type ?? null,
        streamId: envelope.streamId ?? null,
        error: header(message, DEAD_LETTER_HEADERS.error),
        source: {
          topic: header(message, DEAD_LETTER_HEADERS.sourceTopic),
          partition: Number(header(message, DEAD_LETTER_HEADERS.sourcePartition)),
          offset: header(message, DEAD_LETTER_HEADERS.sourceOffset),
        },
        failedAt: header(message, DEAD_LETTER_HEADERS.failedAt),
        replayed: done.has(`${partition}:${message.offset}`),
        message,
      };
    });
}

export type ReplaySelector = { readonly all: true } | { readonly eventId: string };

/**
 * Sends dead letters back to their source topic, oldest first, and un-parks their streams so the projector
 * applies them in order. Selecting one event replays every unreplayed letter of its stream, so none is left
 * behind to be overtaken.
 */
export async function replayDeadLetters(config: AppConfig, selector: ReplaySelector): Promise<DeadLetter[]> {
  const letters = (await listDeadLetters(config)).filter((l) => !l.replayed);
  const streamId =
    'eventId' in selector ? letters.find((l) => l.eventId === selector.eventId)?.streamId : undefined;
  if ('eventId' in selector && !streamId) return [];
  const chosen = 'all' in selector ? letters : letters.filter((l) => l.streamId === streamId);
  if (chosen.length === 0) return [];
  const topic = deadLetterTopic(config.kafka.topicPrefix);
  const publisher = new EventPublisher(createKafka(config.kafka.brokers, `${config.kafka.clientId}-dlq`));
  const pool = createPool(config.databaseUrl, 1);
  try {
    const streams = [...new Set(chosen.flatMap((l) => (l.streamId ? [l.streamId] : [])))];
    await pool.query(UNPARK, [streams]);
    for (const letter of chosen) {
      const headers = Object.fromEntries(
        Object.entries(letter.message.headers ?? {})
          .filter(([name, value]) => !name.startsWith('dlq_') && value !== undefined)
          .map(([name, value]) => [
            name,
            Array.isArray(value) ? String(value[0]) : (value as Buffer | string),
          ]),
      );
      await publisher.publishRaw(letter.source.topic, [
        { key: letter.message.key, value: letter.message.value, headers },
      ]);
    }
    await withTransaction(pool, (client) =>
      client.query(RECORD_REPLAY, [topic, chosen.map((l) => l.partition), chosen.map((l) => l.offset)]),
    );
    return chosen;
  } finally {
    await publisher.disconnect();
    await pool.end();
  }
}
