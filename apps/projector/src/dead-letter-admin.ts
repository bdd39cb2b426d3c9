import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { AppConfig } from '#config';
import { createPool, PostgresEventStore, withTransaction } from '#event-store';
import {
  createKafka,
  DEAD_LETTER_HEADERS,
  deadLetterTopics,
  EVENT_HEADERS,
  EventPublisher,
  eventRouter,
  type KafkaMessage,
  readTopicToEnd,
} from '#messaging';
import { REFUSED_AFTER_COMMIT } from './projector.sql.js';

const REPLAYED = `
SELECT topic, partition, "offset"::text AS "offset" FROM dead_letter_replays WHERE topic = ANY($1::text[])`;
const UNPARK = `DELETE FROM projection_parked_streams WHERE stream_id = ANY($1::text[])`;
const RECORD_REPLAY = `
INSERT INTO dead_letter_replays (topic, partition, "offset")
SELECT $1, p, o FROM unnest($2::int[], $3::bigint[]) AS r(p, o) ON CONFLICT DO NOTHING`;

/** A record on a dead-letter topic (one per classification level), as an operator sees it. */
export interface DeadLetter {
  /** The dead-letter topic it is on: that of its source's level. */
  readonly topic: string;
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

/**
 * A dead letter Kafka refused for its content (too large, invalid): it stays in `projector_outbox` with Kafka's
 * error and is never sent, so it is not on the dead-letter topic and cannot be replayed from there.
 */
export interface RefusedDeadLetter {
  readonly outboxId: string;
  /** The dead-letter topic it was meant for. */
  readonly topic: string;
  readonly eventId: string | null;
  readonly type: string | null;
  readonly streamId: string | null;
  readonly streamVersion: number | null;
  /** Why the projector dead-lettered it. */
  readonly error: string;
  readonly source: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly failedAt: string;
  /** Why Kafka refused the dead letter, as stored with it. */
  readonly refusedBy: string;
  readonly refusedAt: string;
}

function header(message: KafkaMessage, name: string): string {
  const value = message.headers?.[name];
  return value === undefined ? '' : String(Array.isArray(value) ? value[0] : value);
}

/**
 * What a dead letter says of its event: its CloudEvents headers (or, for a record in the format before binary
 * mode, the envelope in its value), and the error and source position in headers.
 */
function describe(value: Buffer | null | undefined, header: (name: string) => string) {
  let envelope: { eventId?: string; type?: string; streamId?: string; streamVersion?: number } = {};
  if (header(EVENT_HEADERS.recordedAt) !== '') {
    const streamVersion = Number(header(EVENT_HEADERS.streamVersion));
    envelope = {
      eventId: header(EVENT_HEADERS.id) || undefined,
      type: header(EVENT_HEADERS.type) || undefined,
      streamId: header(EVENT_HEADERS.subject) || undefined,
      ...(Number.isInteger(streamVersion) ? { streamVersion } : {}),
    };
  } else {
    try {
      envelope = JSON.parse(value?.toString() ?? 'null') ?? {};
    } catch {
      // Not a demarche envelope (the undecodable record itself): no event to name.
    }
  }
  return {
    eventId: envelope.eventId ?? null,
    type: envelope.type ?? null,
    streamId: envelope.streamId ?? null,
    streamVersion: typeof envelope.streamVersion === 'number' ? envelope.streamVersion : null,
    error: header(DEAD_LETTER_HEADERS.error),
    source: {
      topic: header(DEAD_LETTER_HEADERS.sourceTopic),
      partition: Number(header(DEAD_LETTER_HEADERS.sourcePartition)),
      offset: header(DEAD_LETTER_HEADERS.sourceOffset),
    },
    failedAt: header(DEAD_LETTER_HEADERS.failedAt),
  };
}

async function refusedIn(pool: pg.Pool, topics: readonly string[]): Promise<RefusedDeadLetter[]> {
  const letters: RefusedDeadLetter[] = [];
  for (const topic of topics) letters.push(...(await refusedInTopic(pool, topic)));
  return letters;
}

async function refusedInTopic(pool: pg.Pool, topic: string): Promise<RefusedDeadLetter[]> {
  const { rows } = await pool.query<{
    id: string;
    value: Buffer | null;
    headers: Record<string, string>;
    last_error: string | null;
    refused_at: Date;
  }>(REFUSED_AFTER_COMMIT, [topic]);
  return rows.map((row) => ({
    outboxId: row.id,
    topic,
    ...describe(row.value, (name) => row.headers[name] ?? ''),
    refusedBy: row.last_error ?? '',
    refusedAt: row.refused_at.toISOString(),
  }));
}

/** The dead letters Kafka refused for their content, kept in `projector_outbox` instead of the topic. */
export async function listRefusedDeadLetters(config: AppConfig): Promise<RefusedDeadLetter[]> {
  const pool = createPool(config.databaseUrl, 1);
  try {
    return await refusedIn(pool, deadLetterTopics(config.kafka.topicPrefix));
  } finally {
    await pool.end();
  }
}

/**
 * `npm run dlq -- list`: the letters on the dead-letter topics of every level (`<topic>/<partition>:<offset>`),
 * then those Kafka refused, one a line, and a count.
 */
export function formatDeadLetterList(
  letters: readonly DeadLetter[],
  refused: readonly RefusedDeadLetter[],
): string {
  const line = (
    where: string,
    status: string,
    l: Omit<DeadLetter, 'topic' | 'partition' | 'offset' | 'replayed' | 'message'>,
    error: string,
  ) =>
    `${where}\t${status}\t${l.type ?? '-'}\t${l.eventId ?? '-'}\t${l.streamId ?? '-'}\t` +
    `from ${l.source.topic}[${l.source.partition}]@${l.source.offset}\t${error}\n`;
  return (
    letters
      .map((l) =>
        line(`${l.topic}/${l.partition}:${l.offset}`, l.replayed ? 'replayed' : 'pending ', l, l.error),
      )
      .join('') +
    refused
      .map((l) => line(`outbox:${l.outboxId}`, 'refused ', l, `${l.error}; refused by Kafka: ${l.refusedBy}`))
      .join('') +
    `${letters.length} dead letter(s), ${letters.filter((l) => !l.replayed).length} not replayed` +
    (refused.length > 0
      ? `; ${refused.length} refused by Kafka, kept in projector_outbox and not replayable\n`
      : '\n')
  );
}

/**
 * Reads every level's dead-letter topic (each up to its current end; one not created yet reads as empty) and
 * marks what was already replayed. Lowest level first, then partition and offset.
 */
export async function listDeadLetters(config: AppConfig): Promise<DeadLetter[]> {
  const topics = deadLetterTopics(config.kafka.topicPrefix);
  const kafka = createKafka(config.kafka, `${config.kafka.clientId}-dlq`);
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics().finally(() => admin.disconnect()));
  const messages: { topic: string; partition: number; message: KafkaMessage }[] = [];
  for (const topic of topics.filter((t) => existing.has(t))) {
    await readTopicToEnd(kafka, topic, 'dlq-reader', async (partition, batch) => {
      for (const message of batch) messages.push({ topic, partition, message });
    });
  }
  const pool = createPool(config.databaseUrl, 1);
  const replayed = await pool
    .query<{ topic: string; partition: number; offset: string }>(REPLAYED, [topics])
    .finally(() => pool.end());
  const done = new Set(replayed.rows.map((r) => `${r.topic}/${r.partition}:${r.offset}`));
  const level = (topic: string) => topics.indexOf(topic);
  return messages
    .sort(
      (a, b) =>
        level(a.topic) - level(b.topic) ||
        a.partition - b.partition ||
        Number(BigInt(a.message.offset) - BigInt(b.message.offset)),
    )
    .map(({ topic, partition, message }) => ({
      topic,
      partition,
      offset: message.offset,
      ...describe(message.value, (name) => header(message, name)),
      replayed: done.has(`${topic}/${partition}:${message.offset}`),
      message,
    }));
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
 * The refused dead letters of the streams a replay concerns: those of the chosen letters' streams, and for one
 * event, that event's stream even when its only letters were refused.
 */
function refusedOf(
  refused: readonly RefusedDeadLetter[],
  chosen: readonly DeadLetter[],
  selector: ReplaySelector,
): RefusedDeadLetter[] {
  const streams = new Set(chosen.map((l) => l.streamId));
  if ('eventId' in selector)
    streams.add(refused.find((r) => r.eventId === selector.eventId)?.streamId ?? null);
  streams.delete(null);
  return refused.filter((r) => streams.has(r.streamId));
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
 * The versions of each chosen stream recorded after its first dead letter (on the topic or refused) that are not
 * among the letters on the topic. `refused`: Kafka refused their dead letter, which will never reach the topic.
 * `inFlight`: events still on their way through the relay and projector to the dead-letter topic. Replaying
 * without either would unpark the stream while they are missing, and the projector would apply the later events
 * without them (or, in flight, before the replayed events, which it then skips as already overtaken).
 */
async function missingVersions(
  store: PostgresEventStore,
  letters: readonly DeadLetter[],
  refused: readonly RefusedDeadLetter[],
): Promise<{ inFlight: string[]; refused: RefusedDeadLetter[] }> {
  const versions = new Map<string, { have: Set<number>; first: number }>();
  const note = (l: DeadLetter | RefusedDeadLetter, onTopic: boolean) => {
    if (l.streamId === null || l.streamVersion === null) return;
    const stream = versions.get(l.streamId) ?? { have: new Set<number>(), first: l.streamVersion };
    if (onTopic) stream.have.add(l.streamVersion);
    stream.first = Math.min(stream.first, l.streamVersion);
    versions.set(l.streamId, stream);
  };
  for (const l of letters) note(l, true);
  for (const r of refused) note(r, false);
  const missing = { inFlight: [] as string[], refused: [] as RefusedDeadLetter[] };
  for (const [streamId, { have, first }] of versions) {
    const head = (await store.readStream(streamId)).at(-1)?.streamVersion ?? 0;
    for (let v = first; v <= head; v += 1) {
      if (have.has(v)) continue;
      const stuck = refused.find((r) => r.streamId === streamId && r.streamVersion === v);
      if (stuck) missing.refused.push(stuck);
      else missing.inFlight.push(`${streamId}@${v}`);
    }
  }
  return missing;
}

/**
 * Sends dead letters back to their source topic, oldest first in each stream, and un-parks their streams so the
 * projector applies them in order. Selecting one event replays every unreplayed letter of its stream, so none
 * is left behind to be overtaken; events of the stream still in flight to the dead-letter topic are waited for
 * (up to `settleMs`), and the replay refuses rather than leave one behind. A version whose dead letter Kafka
 * refused (kept in `projector_outbox`, never on the topic) refuses the replay at once, naming it and Kafka's
 * error: no wait brings it. A letter that fails again parks its stream again: a replay heals a stream only once
 * the fault that parked it is fixed.
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
    const topics = deadLetterTopics(config.kafka.topicPrefix);
    let pending: DeadLetter[];
    let chosen: DeadLetter[];
    for (;;) {
      pending = selected(await listDeadLetters(config), selector);
      chosen = inStreamOrder(pending);
      const missing = await missingVersions(
        store,
        chosen,
        refusedOf(await refusedIn(pool, topics), chosen, selector),
      );
      if (missing.refused.length > 0) {
        const refused = missing.refused.map(
          (r) =>
            `${r.streamId}@${r.streamVersion} (event ${r.eventId}, projector_outbox id ${r.outboxId}) ` +
            `was refused by Kafka when dead-lettered: ${r.refusedBy}`,
        );
        throw new Error(
          `not replaying: ${refused.join('; ')}. A refused dead letter stays in projector_outbox, never on ` +
            `${[...new Set(missing.refused.map((r) => r.topic))].join(', ')}, so no wait brings it there (npm run dlq -- list shows it)`,
        );
      }
      if (missing.inFlight.length === 0) break;
      if (Date.now() > deadline) {
        throw new Error(
          `not replaying: ${missing.inFlight.join(', ')} not yet dead-lettered; retry once the projector has caught up`,
        );
      }
      await sleep(250);
    }
    if (chosen.length === 0) return [];
    publisher = new EventPublisher(
      createKafka(config.kafka, `${config.kafka.clientId}-dlq`),
      config.publicBaseUrl,
    );
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
    await withTransaction(pool, async (client) => {
      for (const topic of new Set(pending.map((l) => l.topic))) {
        const onTopic = pending.filter((l) => l.topic === topic);
        await client.query(RECORD_REPLAY, [
          topic,
          onTopic.map((l) => l.partition),
          onTopic.map((l) => l.offset),
        ]);
      }
    });
    return chosen;
  } finally {
    await publisher?.disconnect();
    await pool.end();
  }
}
