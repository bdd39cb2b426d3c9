import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { enqueueAfterCommit, withTransaction } from '#event-store';
import { classifyPublishFailure, type EventPublisher, type RawRecord } from '#messaging';
import {
  DELETE_PUBLISHED,
  PENDING_AFTER_COMMIT,
  RECORD_AFTER_COMMIT_FAILURE,
  REFUSE_AFTER_COMMIT,
  TRY_AFTER_COMMIT_LOCK,
} from './projector.sql.js';

/** A record the projector sends to Kafka once the transaction that decided it has committed. */
export interface OutgoingRecord extends RawRecord {
  readonly topic: string;
}

interface Row {
  id: string;
  topic: string;
  message_key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface AfterCommitLog {
  warn(message: string): void;
  error(object: object, message: string): void;
}

/**
 * The projector's one way to Kafka: what a chunk decides to publish (dead letters; derived events later) is
 * written to `projector_outbox` in the chunk's own transaction, so a rollback discards it and a commit keeps it,
 * and is sent by this publisher only after the commit, so the transaction never waits on Kafka. Records are sent
 * in the order they were queued, through the idempotent acks=all publisher, and deleted once Kafka has them. A
 * process that dies between commit and send leaves them queued: they go out at the next start. A process that dies
 * between send and delete sends them again (at least once, as on the engagement topic).
 */
export class AfterCommitPublisher {
  private running: Promise<void> | undefined;
  private requested = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly pool: pg.Pool,
    private readonly publisher: EventPublisher,
    private readonly log: AfterCommitLog,
    private readonly options = { batchSize: 100, initialBackoffMs: 250, maxBackoffMs: 5_000 },
  ) {}

  /** Queues records in the caller's transaction: they are published only if, and after, it commits. */
  async enqueue(client: pg.ClientBase, records: readonly OutgoingRecord[]): Promise<void> {
    await enqueueAfterCommit(client, records);
  }

  /**
   * Sends what committed transactions queued, in the background; returns at once. Call it after a commit that
   * queued something, and at start-up for what a previous process left. Keeps retrying with back-off while Kafka
   * fails, until everything queued is sent or `stop` is called.
   */
  publishCommitted(): void {
    this.requested = true;
    if (this.stopping.signal.aborted || this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.requested && !this.stopping.signal.aborted) this.publishCommitted();
    });
  }

  /**
   * Also sends, every `intervalMs`, what other processes queued in committed transactions (the API's scheduler
   * queues derived events here): they cannot call publishCommitted on this process. Stops with `stop`.
   */
  pollEvery(intervalMs: number): void {
    const timer = setInterval(() => this.publishCommitted(), intervalMs);
    timer.unref();
    this.stopping.signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }

  /** Stops sending (what is queued stays for the next start) once the send in flight, if any, has finished. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async drain(): Promise<void> {
    const { batchSize, initialBackoffMs, maxBackoffMs } = this.options;
    let backoff = initialBackoffMs;
    let failing = false;
    while (this.requested && !this.stopping.signal.aborted) {
      this.requested = false;
      try {
        const outcome = await this.publishOnce(batchSize);
        if (outcome === 'busy') {
          // Another projector process is sending; what it did not see is ours to send after it.
          this.requested = true;
          await this.pause(initialBackoffMs);
          continue;
        }
        if (failing) this.log.warn('publishing after commit again');
        failing = false;
        backoff = initialBackoffMs;
        if (outcome === batchSize) this.requested = true;
      } catch (error) {
        if (!failing) this.log.warn(`after-commit publishing paused: ${(error as Error).message}; retrying`);
        failing = true;
        this.requested = true;
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  }

  /** One batch under the drain lock: how many rows it handled, or 'busy' when another process holds the lock. */
  private publishOnce(limit: number): Promise<number | 'busy'> {
    return withTransaction(this.pool, async (client) => {
      const lock = await client.query<{ locked: boolean }>(TRY_AFTER_COMMIT_LOCK);
      if (!lock.rows[0]?.locked) return 'busy';
      const { rows } = await client.query<Row>(PENDING_AFTER_COMMIT, [limit]);
      if (rows.length === 0) return 0;
      try {
        await this.send(rows);
      } catch (error) {
        if (classifyPublishFailure(error) === 'broker-side') {
          await this.pool
            .query(RECORD_AFTER_COMMIT_FAILURE, [rows.map((r) => r.id), String(error)])
            .catch(() => undefined);
          throw error;
        }
        await this.sendOneByOne(client, rows);
        return rows.length;
      }
      await client.query(DELETE_PUBLISHED, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** Kafka refused a record's content: send each on its own and set aside only the ones it refuses. */
  private async sendOneByOne(client: pg.ClientBase, rows: readonly Row[]): Promise<void> {
    for (const row of rows) {
      try {
        await this.send([row]);
        await client.query(DELETE_PUBLISHED, [[row.id]]);
      } catch (error) {
        if (classifyPublishFailure(error) === 'broker-side') throw error;
        this.log.error({ id: row.id, topic: row.topic, error: String(error) }, 'Kafka refused a record');
        await client.query(REFUSE_AFTER_COMMIT, [row.id, String(error)]);
      }
    }
  }

  /** Sends rows in queue order, one send per run of the same topic. */
  private async send(rows: readonly Row[]): Promise<void> {
    for (let i = 0; i < rows.length; ) {
      const topic = rows[i]?.topic as string;
      let j = i;
      while (j < rows.length && rows[j]?.topic === topic) j += 1;
      await this.publisher.publishRaw(
        topic,
        rows.slice(i, j).map((r) => ({ key: r.message_key, value: r.value, headers: r.headers })),
      );
      i = j;
    }
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
