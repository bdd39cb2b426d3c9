import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '#config';
import { createPool, PostgresEventStore, withTransaction } from '#event-store';
import {
  createKafka,
  DEAD_LETTER_HEADERS,
  deadLetterTopic,
  EventPublisher,
  eventRouter,
  type KafkaMessage,
  readTopicToEnd,
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
  readonly streamVersion: number | null;
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

function envelopeOf(message: KafkaMessage): {
  eventId?: string;
  type?: string;
  streamId?: string;
  streamVersion?: number;
} {
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
  const messages: { partition: number; message: KafkaMessage }[] = [];
  await readTopicToEnd(kafka, topic, 'dlq-reader', async (partition, batch) => {
    for (const message of batch) messages.push({ partition, message });
  });
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
        streamVersion: typeof envelope.streamVersion === 'number' ? envelope.streamVersion : null,
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

/** How long a replay waits for a parked stream's newest events to reach the dead-letter topic. */
const SETTLE_MS = 15_000;

function selected(letters: readonly DeadLetter[], selector: ReplaySelector): DeadLetter[] {
  const pending = letters.filter((l) => !l.replayed);
  if ('all' in selector) return pending;
  const streamId = pending.find((l) => l.eventId === selector.eventId)?.streamId;
  return streamId ? pending.filter((l) => l.streamId === streamId) : [];
}

/**
 * Each stream's letters in stream order, one per event: the projector must see them as the stream recorded
 * them (a letter may have been dead-lettered twice, or out of order across partitions of the dead-letter topic).
 */
function inStreamOrder(letters: readonly DeadLetter[]): DeadLetter[] {
  const seen = new Set<string>();
  const unique = letters.filter((l) => {
    if (l.eventId === null) return true;
    if (seen.has(l.eventId)) return false;
    seen.add(l.eventId);
    return true;
  });
  const streams = [...new Set(unique.map((l) => l.streamId))];
  return streams.flatMap((streamId) =>
    unique
      .filter((l) => l.streamId === streamId)
      .sort((a, b) => (a.streamVersion ?? 0) - (b.streamVersion ?? 0)),
  );
}

/**
 * The versions of each chosen stream recorded after its first dead letter that are not among the letters: events
 * still on their way through the relay and projector to the dead-letter topic. Replaying without them would
 * unpark the stream while they are in flight, and the projector would apply them before the replayed events,
 * which it then skips as already overtaken.
 */
async function missingVersions(store: PostgresEventStore, letters: readonly DeadLetter[]): Promise<string[]> {
  const versions = new Map<string, Set<number>>();
  for (const l of letters) {
    if (l.streamId === null || l.streamVersion === null) continue;
    versions.set(l.streamId, (versions.get(l.streamId) ?? new Set()).add(l.streamVersion));
  }
  const missing: string[] = [];
  for (const [streamId, have] of versions) {
    const head = (await store.readStream(streamId)).at(-1)?.streamVersion ?? 0;
    for (let v = Math.min(...have); v <= head; v += 1) if (!have.has(v)) missing.push(`${streamId}@${v}`);
  }
  return missing;
}

/**
 * Sends dead letters back to their source topic, oldest first in each stream, and un-parks their streams so the
 * projector applies them in order. Selecting one event replays every unreplayed letter of its stream, so none
 * is left behind to be overtaken; events of the stream still in flight to the dead-letter topic are waited for
 * (up to `settleMs`), and the replay refuses rather than leave one behind. A letter that fails again parks its
 * stream again: a replay heals a stream only once the fault that parked it is fixed.
 */
export async function replayDeadLetters(
  config: AppConfig,
  selector: ReplaySelector,
  { settleMs = SETTLE_MS }: { settleMs?: number } = {},
): Promise<DeadLetter[]> {
  const pool = createPool(config.databaseUrl, 1);
  const store = new PostgresEventStore(pool, eventRouter(config.kafka.topicPrefix));
  let publisher: EventPublisher | undefined;
  try {
    const deadline = Date.now() + settleMs;
    let pending = selected(await listDeadLetters(config), selector);
    let chosen = inStreamOrder(pending);
    for (let missing = await missingVersions(store, chosen); missing.length > 0; ) {
      if (Date.now() > deadline) {
        throw new Error(
          `not replaying: ${missing.join(', ')} not yet dead-lettered; retry once the projector has caught up`,
        );
      }
      await sleep(250);
      pending = selected(await listDeadLetters(config), selector);
      chosen = inStreamOrder(pending);
      missing = await missingVersions(store, chosen);
    }
    if (chosen.length === 0) return [];
    const topic = deadLetterTopic(config.kafka.topicPrefix);
    publisher = new EventPublisher(createKafka(config.kafka.brokers, `${config.kafka.clientId}-dlq`));
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
    // Duplicates left out of the replay are replayed in effect too.
    await withTransaction(pool, (client) =>
      client.query(RECORD_REPLAY, [topic, pending.map((l) => l.partition), pending.map((l) => l.offset)]),
    );
    return chosen;
  } finally {
    await publisher?.disconnect();
    await pool.end();
  }
}
