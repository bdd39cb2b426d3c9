import { setTimeout as sleep } from 'node:timers/promises';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import type { AppConfig } from '#config';
import { isKnownEvent, type RecordedEvent, upcastStreams } from '#domain';
import { isTransientDatabaseError, withTransaction } from '#event-store';
import {
  type Consumer,
  deadLetterTopicSpecs,
  derivedTopicSpecs,
  type EachBatchPayload,
  EventPublisher,
  engagementTopics,
  ensureTopics,
  fromWireRecord,
  type Kafka,
  type KafkaMessage,
  topicsExist,
  UndecodableMessageError,
} from '#messaging';
import { AfterCommitPublisher } from './after-commit-publisher.js';
import { DeadLetters } from './dead-letters.js';
import { applyAll, type Projection } from './projections/projection.js';
import { CLAIM_AND_STORE, CLAIM_AND_STORE_MANY, LOCK_CHECKPOINT, SAVE_CHECKPOINT } from './projector.sql.js';
import { eventAsOf, historiesOf } from './stream-history.js';
import { APP_CONFIG, KAFKA, PG_POOL, PROJECTIONS } from './tokens.js';
import { WriteBehind } from './write-behind.js';

/**
 * Consumes the engagement topics (one per classification level) into the read models, on one consumer group. Effects and the partition offset commit in one Postgres
 * transaction (exactly once in effect); checkpoints are kept per topic and partition, and
 * a per-stream version check drops duplicates the relay may publish (or republish). A stream's events all carry
 * its level, so they share one topic and partition and arrive in order. What a
 * chunk sends to Kafka (dead letters) is queued in that transaction and sent by the AfterCommitPublisher after
 * the commit: the transaction never waits on Kafka.
 */
/** An event failed in a projection while its chunk was applied without savepoints: apply the chunk carefully. */
class NeedsSavepoints extends Error {
  constructor(cause: unknown) {
    super(`a projection failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** How often the projector looks for records other processes queued for after commit. */
const OTHERS_QUEUE_POLL_MS = 1_000;
/** How often a partition's read position is committed to Kafka at most (see onBatch). */
const OFFSET_COMMIT_MS = 1_000;

@Injectable()
export class ProjectionRunnerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunnerService.name);
  private consumer: Consumer | undefined;
  /** When each partition's offset (by topic and partition) was last committed to Kafka. */
  private readonly offsetsCommittedAt = new Map<string, number>();
  private readonly stopping = new AbortController();
  private starting: Promise<void> | undefined;
  private readonly name = 'read-models';
  private readonly publisher: EventPublisher;
  private readonly afterCommit: AfterCommitPublisher;
  private readonly deadLetters: DeadLetters;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTIONS) private readonly projections: readonly Projection[],
  ) {
    this.publisher = new EventPublisher(kafka, config.publicBaseUrl);
    this.afterCommit = new AfterCommitPublisher(pool, this.publisher, {
      warn: (message) => this.logger.warn(message),
      error: (object, message) => this.logger.error(object, message),
    });
    this.deadLetters = new DeadLetters(this.afterCommit, this.name);
  }

  /** Called by the bootstrap once shutdown hooks are in place, so a SIGTERM always finds work to stop. */
  start(): void {
    this.starting = this.consume();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    try {
      await this.starting;
      // kafkajs lets the running batch finish its current chunk; positions are committed with each chunk.
      await this.consumer?.disconnect();
    } catch (error) {
      this.logger.warn(`consumer did not stop cleanly: ${(error as Error).message}`);
    }
    // What is still queued for after commit stays in projector_outbox and goes out at the next start.
    await this.afterCommit.stop();
    await this.publisher.disconnect().catch(() => undefined);
    this.logger.log('projector stopped: in-flight chunk committed, partitions handed back');
  }

  private async consume(): Promise<void> {
    const { topicPrefix, partitions, replicationFactor } = this.config.kafka;
    let backoff = 250;
    while (!this.stopping.signal.aborted) {
      try {
        // The relay owns (creates) the engagement topics; the projector owns their dead-letter topics and the
        // derived topics, as it publishes both.
        await ensureTopics(this.kafka, [
          ...deadLetterTopicSpecs(topicPrefix, partitions, replicationFactor),
          ...derivedTopicSpecs(topicPrefix, partitions, replicationFactor),
        ]);
        if (await topicsExist(this.kafka, engagementTopics(topicPrefix))) break;
        this.logger.log('waiting for the relay to create the engagement topics');
        throw new Error('engagement topics not created yet');
      } catch (error) {
        this.logger.warn(`waiting for Kafka: ${(error as Error).message}`);
        await sleep(backoff, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
    if (this.stopping.signal.aborted) return;
    // Whatever a previous process committed but did not get to send; then, every second, what other processes
    // queued (the API's scheduler queues derived events).
    this.afterCommit.publishCommitted();
    this.afterCommit.pollEvery(OTHERS_QUEUE_POLL_MS);
    // Joining can fail while Kafka settles (on a cluster, a topic just created may be unknown to the broker
    // asked): the projector tries again rather than exit.
    let wait = 250;
    while (!this.stopping.signal.aborted) {
      const consumer = this.kafka.consumer({
        groupId: this.config.projector.groupId,
        allowAutoTopicCreation: false,
        // A crashed projector's partitions move to its replacement after this long, not the 30 s default.
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        retry: { retries: 10, restartOnFailure: async () => true },
        // A fetch is applied whole before the next one, so a busy country's partition (a large batch) would hold
        // back every other country's events fetched with it: small batches keep the others fresh.
        maxBytesPerPartition: 64 * 1024,
      });
      this.consumer = consumer;
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: engagementTopics(topicPrefix), fromBeginning: true });
        await consumer.run({
          eachBatchAutoResolve: false,
          autoCommit: false,
          // Partitions are applied side by side, each in its own transactions on its own connection: a projector
          // waits on Postgres round trips far more than it computes. Each partition (so each country) stays in order.
          partitionsConsumedConcurrently: this.config.projector.concurrency,
          eachBatch: (payload) => this.onBatch(payload),
        });
        return;
      } catch (error) {
        this.logger.warn(`could not join the consumer group yet: ${(error as Error).message}; trying again`);
        await consumer.disconnect().catch(() => undefined);
        await sleep(wait, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        wait = Math.min(wait * 2, 5_000);
      }
    }
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload) {
    // Messages applied per Postgres transaction: bounds the work a crash throws away.
    const size = this.config.projector.transactionSize;
    for (let i = 0; i < batch.messages.length; i += size) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + size);
      const apply = (careful: boolean) =>
        withTransaction(this.pool, (client) =>
          this.applyChunk(client, batch.topic, batch.partition, chunk, careful),
        );
      // A chunk is applied without a savepoint per event (two round trips each fewer); if an event fails in a
      // projection, the chunk rolls back whole and is applied again with one, so only that event is set aside.
      const queued = await apply(false).catch((error: unknown) => {
        if (error instanceof NeedsSavepoints) return apply(true);
        throw error;
      });
      if (queued > 0) this.afterCommit.publishCommitted();
      const last = chunk.at(-1);
      if (last) resolveOffset(last.offset);
      // What is applied is recorded by the checkpoint in Postgres, committed with the projections; Kafka's offset
      // only says where a consumer resumes reading, and records below the checkpoint are skipped. So it is
      // committed at most once a second a partition, not after every chunk: a broker round trip (7–20 ms here)
      // less between a chunk and the next, for at most a second of records read again after a restart.
      const partition = `${batch.topic}\u0000${batch.partition}`;
      const now = Date.now();
      if (now - (this.offsetsCommittedAt.get(partition) ?? 0) >= OFFSET_COMMIT_MS) {
        await commitOffsetsIfNecessary({
          topics: [
            {
              topic: batch.topic,
              partitions: [{ partition: batch.partition, offset: String(Number(last?.offset) + 1) }],
            },
          ],
        });
        this.offsetsCommittedAt.set(partition, now);
      }
      await heartbeat();
    }
  }

  private async applyChunk(
    client: pg.ClientBase,
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    careful: boolean,
  ): Promise<number> {
    // LOCK_CHECKPOINT takes the swap lock first (a rebuild's swap holds it exclusively: chunks wait for it rather
    // than write to a table being swapped).
    const checkpoint = await client.query<{ next_offset: string }>(LOCK_CHECKPOINT, [
      this.name,
      topic,
      partition,
    ]);
    const next = BigInt(checkpoint.rows[0]?.next_offset ?? '0');
    const unapplied = messages.filter((message) => BigInt(message.offset) >= next);
    let lastRecordedAt: string | null = null;
    let queued = 0;
    const together = careful ? undefined : await this.applyTogether(client, unapplied);
    if (together) lastRecordedAt = together.lastRecordedAt;
    else
      for (const message of unapplied) {
        const { event, deadLettered } = await this.applyMessage(client, topic, partition, message, careful);
        if (event) lastRecordedAt = event.recordedAt;
        if (deadLettered) queued += 1;
      }
    const last = messages.at(-1);
    if (last && BigInt(last.offset) >= next) {
      await client.query(SAVE_CHECKPOINT, [
        this.name,
        topic,
        partition,
        (BigInt(last.offset) + 1n).toString(),
        lastRecordedAt,
      ]);
    }
    return queued;
  }

  /**
   * The common case in few round trips: every record decodes to a known event and none of their streams is
   * parked. Their claims and stream histories are written in one statement, then the projections take the new
   * events, one projection at a time (no savepoints: a failure throws NeedsSavepoints). Anything else — an
   * undecodable or unknown record, a parked stream — answers undefined having written nothing, and the chunk is
   * applied one record at a time.
   */
  private async applyTogether(
    client: pg.ClientBase,
    messages: readonly KafkaMessage[],
  ): Promise<{ lastRecordedAt: string | null } | undefined> {
    const events: RecordedEvent[] = [];
    for (const message of messages) {
      let event: RecordedEvent;
      try {
        event = fromWireRecord(message);
      } catch (error) {
        if (error instanceof UndecodableMessageError) return undefined;
        throw error;
      }
      if (!isKnownEvent(event)) return undefined;
      events.push(event);
    }
    if (events.length === 0) return { lastRecordedAt: null };
    const { rows } = await client
      .query<{
        kind: 'parked' | 'stored' | 'before';
        stream_id: string;
        stream_version: number;
        event: RecordedEvent;
      }>({
        name: 'demarche-claim-and-store-many',
        text: CLAIM_AND_STORE_MANY,
        values: [
          this.name,
          events.map((e) => e.streamId),
          events.map((e) => e.streamVersion),
          events.map((e) => JSON.stringify(e)),
        ],
      })
      .catch((error: unknown) => {
        // One at a time, the event whose bookkeeping fails is dead-lettered and the rest go on.
        throw isTransientDatabaseError(error) ? error : new NeedsSavepoints(error);
      });
    if (rows.some((r) => r.kind === 'parked')) return undefined;
    const histories = historiesOf(
      events,
      rows.map((r) => ({ ...r, stored: r.kind === 'stored' })),
    );
    // Projection by projection, each over the chunk's events in order: the projections write tables of their own
    // and read no other's (each is rebuilt alone), so this order has the effect of event by event, and lets a
    // projection's consecutive single-row inserts (a timeline entry each) go as one multi-row insert.
    try {
      const applicable = events.flatMap((event, i) => {
        const history = histories[i];
        return history ? [{ event: eventAsOf(event, history), history }] : [];
      });
      for (const projection of this.projections) {
        const writes = new WriteBehind(client);
        await applyAll(projection, writes.asClient(), applicable);
        await writes.flush();
      }
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error;
      throw new NeedsSavepoints(error);
    }
    return { lastRecordedAt: events.at(-1)?.recordedAt ?? null };
  }

  /**
   * Applies one record, or dead-letters it: undecodable, of a type or version this build does not know, failing
   * in a projection, or behind such an event in its stream. Transient database errors are rethrown instead, so
   * the whole chunk is retried (and the dead letters it queued are rolled back with it). Unless `careful`, an
   * event is applied without a savepoint of its own, and a failure in a projection throws NeedsSavepoints: the
   * chunk is then rolled back and applied again carefully.
   */
  private async applyMessage(
    client: pg.ClientBase,
    topic: string,
    partition: number,
    message: KafkaMessage,
    careful: boolean,
  ): Promise<{ event?: RecordedEvent; deadLettered: boolean }> {
    const source = { topic, partition };
    let event: RecordedEvent;
    try {
      event = fromWireRecord(message);
    } catch (error) {
      if (!(error instanceof UndecodableMessageError)) throw error;
      await this.deadLetter(client, message, source, `undecodable: ${error.message}`);
      return { deadLettered: true };
    }
    if (!isKnownEvent(event)) {
      const parkedBehind = await this.deadLetters.parkedBehind(client, event.streamId);
      if (parkedBehind) return this.behindParked(client, message, source, event, parkedBehind);
      const reason = `unknown event type or version: ${event.type} v${event.schemaVersion}`;
      await this.deadLetters.park(client, event, reason);
      await this.deadLetter(client, message, source, reason);
      return { event, deadLettered: true };
    }
    if (careful) await client.query('SAVEPOINT apply_event');
    try {
      const outcome = await this.claimAndStore(client, event);
      if (outcome.kind === 'parked') {
        if (careful) await client.query('RELEASE SAVEPOINT apply_event');
        return this.behindParked(client, message, source, event, outcome.deadEventId);
      }
      if (outcome.kind === 'new') {
        const current = eventAsOf(event, outcome.history);
        for (const projection of this.projections) await projection.apply(client, current, outcome.history);
      }
      if (careful) await client.query('RELEASE SAVEPOINT apply_event');
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error;
      if (!careful) throw new NeedsSavepoints(error);
      await client.query('ROLLBACK TO SAVEPOINT apply_event');
      const reason = `projection failed: ${error instanceof Error ? error.message : String(error)}`;
      await this.deadLetters.park(client, event, reason);
      await this.deadLetter(client, message, source, reason);
      return { event, deadLettered: true };
    }
    return { event, deadLettered: false };
  }

  private async deadLetter(
    client: pg.ClientBase,
    message: KafkaMessage,
    source: { topic: string; partition: number },
    reason: string,
  ) {
    this.logger.error({ ...source, offset: message.offset, reason }, 'dead-lettered a record');
    await this.deadLetters.send(client, message, source, reason);
  }

  /** Its stream is parked behind an earlier dead letter: this event follows it there, in order. */
  private async behindParked(
    client: pg.ClientBase,
    message: KafkaMessage,
    source: { topic: string; partition: number },
    event: RecordedEvent,
    parkedBehind: string,
  ): Promise<{ event: RecordedEvent; deadLettered: boolean }> {
    await this.deadLetter(
      client,
      message,
      source,
      `stream ${event.streamId} is parked behind event ${parkedBehind}`,
    );
    return { event, deadLettered: true };
  }

  /**
   * The event's stream is parked; or its version is claimed now, stored in the stream history, and the history up
   * to it read back (upcast, as loadStreamHistory returns it); or it was applied before.
   */
  private async claimAndStore(
    client: pg.ClientBase,
    event: RecordedEvent,
  ): Promise<
    { kind: 'parked'; deadEventId: string } | { kind: 'new'; history: RecordedEvent[] } | { kind: 'applied' }
  > {
    const { rows } = await client.query<{
      kind: string;
      event: RecordedEvent | null;
      dead_event_id: string | null;
    }>({
      name: 'demarche-claim-and-store',
      text: CLAIM_AND_STORE,
      values: [this.name, event.streamId, event.streamVersion, JSON.stringify(event)],
    });
    const parked = rows.find((r) => r.kind === 'parked');
    if (parked) return { kind: 'parked', deadEventId: parked.dead_event_id ?? '' };
    if (rows.length === 0) return { kind: 'applied' };
    return { kind: 'new', history: upcastStreams(rows.flatMap((r) => (r.event ? [r.event] : []))) };
  }
}
