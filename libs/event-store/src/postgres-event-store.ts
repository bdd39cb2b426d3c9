import type pg from 'pg';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '#domain';
import { StreamVersionConflictError } from './errors.js';
import { readStreamEvents } from './event-log.js';
import {
  APPEND_BATCH,
  FORGET_IDEMPOTENCY_KEYS,
  IDEMPOTENT_RESPONSES,
  STREAM_OF_EVENT,
  STREAM_VERSION,
} from './sql.js';

/** Where the relay will publish an event: chosen at append time so the outbox row is self-describing. */
export interface OutboxRoute {
  readonly topic: string;
  readonly key: string;
}
export type OutboxRouter = (event: DomainEvent, streamId: string) => OutboxRoute;

/** An event about to be appended, with the id the caller gave it. */
export interface NewEvent extends DomainEvent {
  readonly eventId: string;
}

/** A caller's key for a command, so a retry gets the first answer instead of a second write. */
export interface IdempotencyKey {
  readonly caller: string;
  readonly key: string;
  /** Hash of what was asked; the same key with another request is refused. */
  readonly requestHash: string;
  /** Response fields known before the append (the entry id); event coordinates are added by the store. */
  readonly response: Readonly<Record<string, unknown>>;
}

/** What an idempotency key answered the first time. */
export interface RememberedResponse {
  readonly requestHash: string;
  readonly response: Readonly<Record<string, unknown>>;
}

export interface AppendOptions {
  /** 0 = the stream must not exist yet. */
  readonly expectedVersion: number;
  readonly category: string;
  readonly metadata: CommandMetadata;
  readonly idempotency?: IdempotencyKey;
}

/** The keyed command was applied by a concurrent request; its remembered response is the answer. */
export class IdempotentReplayError extends Error {}

export interface AppendResult {
  readonly streamId: string;
  readonly nextExpectedVersion: number;
  readonly events: readonly { eventId: string; streamVersion: number; globalPosition: string }[];
}

/** A check every event passes before it is appended (the published contract); throws to refuse the append. */
export type EventCheck = (event: NewEvent) => void;

/**
 * Write-combining: while `maxInFlight` append statements are running, further appends queue and go together in
 * the next statement (at most `maxBatchEvents` events), one commit for many callers.
 */
export interface WriteCombining {
  readonly maxInFlight?: number;
  readonly maxBatchEvents?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly routes: readonly OutboxRoute[];
  readonly options: AppendOptions;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

interface PendingLookup {
  readonly caller: string;
  readonly key: string;
  readonly resolve: (remembered: RememberedResponse | undefined) => void;
  readonly reject: (error: unknown) => void;
}

interface AppendedRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
}

/**
 * Postgres event store with expected-version concurrency and a transactional outbox. Concurrent appends are
 * combined into one statement (see WriteCombining) with each caller's semantics kept: its own expected version,
 * its own conflict, its own idempotency key, its own result matched by stream and event id.
 */
export class PostgresEventStore {
  private readonly queue: PendingAppend[] = [];
  private readonly lookups: PendingLookup[] = [];
  private inFlight = 0;
  private drainScheduled = false;
  private readonly maxInFlight: number;
  private readonly maxBatchEvents: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly route: OutboxRouter,
    private readonly check: EventCheck = () => undefined,
    combining: WriteCombining = {},
  ) {
    this.maxInFlight = Math.max(1, combining.maxInFlight ?? 1);
    this.maxBatchEvents = Math.max(1, combining.maxBatchEvents ?? 1_000);
  }

  /** Reads a stream in version order; an unknown stream reads as empty. */
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return readStreamEvents(this.pool, streamId);
  }

  /**
   * The response remembered for a caller's idempotency key, if any. Lookups made in one turn of the event loop
   * (every keyed request a busy API handles) go to Postgres as one statement.
   */
  rememberedResponse(caller: string, key: string): Promise<RememberedResponse | undefined> {
    return new Promise((resolve, reject) => {
      this.lookups.push({ caller, key, resolve, reject });
      if (this.lookups.length > 1) return;
      setImmediate(() => void this.lookUp(this.lookups.splice(0)));
    });
  }

  private async lookUp(lookups: readonly PendingLookup[]): Promise<void> {
    try {
      const { rows } = await this.pool.query<{
        caller: string;
        key: string;
        request_hash: string;
        response: Record<string, unknown>;
      }>({
        name: 'demarche-idempotent-responses',
        text: IDEMPOTENT_RESPONSES,
        values: [lookups.map((l) => l.caller), lookups.map((l) => l.key)],
      });
      const found = new Map(rows.map((r) => [`${r.caller}\u0000${r.key}`, r]));
      for (const lookup of lookups) {
        const row = found.get(`${lookup.caller}\u0000${lookup.key}`);
        lookup.resolve(row && { requestHash: row.request_hash, response: row.response });
      }
    } catch (error) {
      for (const lookup of lookups) lookup.reject(error);
    }
  }

  /** Drops idempotency keys older than the retention (a Postgres interval such as '48 hours'). */
  async forgetIdempotencyKeys(retention: string): Promise<number> {
    const { rowCount } = await this.pool.query(FORGET_IDEMPOTENCY_KEYS, [retention]);
    return rowCount ?? 0;
  }

  /** The stream an event was appended to, or undefined for an unknown event id. */
  async streamOfEvent(eventId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ stream_id: string }>(STREAM_OF_EVENT, [eventId]);
    return rows[0]?.stream_id;
  }

  /** Appends events and their outbox rows atomically, or throws StreamVersionConflictError. */
  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) {
      return { streamId, nextExpectedVersion: options.expectedVersion, events: [] };
    }
    for (const event of events) this.check(event);
    const routes = events.map((event) => this.route(event, streamId));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, routes, options, resolve, reject });
      this.scheduleDrain();
    });
  }

  /**
   * Drains once the event loop has run what it already holds: appends made by requests handled in the same turn
   * (a busy API parses many per turn) share one statement even when none is in flight, at no cost to an idle one.
   */
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  /** Starts statements for what is queued while fewer than maxInFlight run. */
  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  /**
   * The oldest queued appends that can share a statement: one per stream and per idempotency key (a later append
   * to a stream waits for the earlier one, in arrival order), up to maxBatchEvents events.
   */
  private takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    const rest: PendingAppend[] = [];
    const streams = new Set<string>();
    const keys = new Set<string>();
    let events = 0;
    for (const pending of this.queue) {
      const { idempotency } = pending.options;
      const key = idempotency && `${idempotency.caller}\u0000${idempotency.key}`;
      const fits =
        batch.length === 0 ||
        (events + pending.events.length <= this.maxBatchEvents &&
          !streams.has(pending.streamId) &&
          !(key && keys.has(key)));
      (fits ? batch : rest).push(pending);
      if (fits) events += pending.events.length;
      streams.add(pending.streamId);
      if (key) keys.add(key);
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return batch;
  }

  private async write(batch: readonly PendingAppend[]): Promise<void> {
    const [only] = batch;
    if (batch.length === 1 && only) return this.writeOne(only);
    let rows: AppendedRow[];
    try {
      rows = (
        await this.pool.query<AppendedRow>({
          name: 'demarche-append-batch',
          text: APPEND_BATCH,
          values: batchParameters(batch),
        })
      ).rows;
    } catch (error) {
      // A statement Postgres cannot run (SQLSTATE class 42) is a bug of ours: every caller hears of it.
      if (String((error as { code?: unknown }).code ?? '').startsWith('42')) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      // Whose was it (an idempotency key applied concurrently, a lost connection)? Each alone finds out: an
      // append that did commit comes back as a conflict or a replay, never twice (event ids are unique).
      await Promise.all(batch.map((pending) => this.writeOne(pending)));
      return;
    }
    const byStream = new Map<string, AppendedRow[]>();
    for (const row of rows) {
      const list = byStream.get(row.stream_id) ?? [];
      list.push(row);
      byStream.set(row.stream_id, list);
    }
    await Promise.all(
      batch.map(async (pending) => {
        const appended = byStream.get(pending.streamId);
        if (appended) {
          const result = resultOf(pending, appended);
          this.settleStale(pending.streamId, result.nextExpectedVersion);
          return pending.resolve(result);
        }
        pending.reject(await this.conflict(pending.streamId, pending.options.expectedVersion));
      }),
    );
  }

  /**
   * A stream just committed at `version`: queued appends to it that expect an older version can only conflict, so
   * they are told at once instead of each spending a statement to learn it (contention on one hot stream).
   */
  private settleStale(streamId: string, version: number): void {
    if (!this.queue.some((p) => p.streamId === streamId && p.options.expectedVersion < version)) return;
    const keep: PendingAppend[] = [];
    for (const pending of this.queue) {
      const { expectedVersion } = pending.options;
      if (pending.streamId === streamId && expectedVersion < version) {
        pending.reject(new StreamVersionConflictError(streamId, expectedVersion, version));
      } else keep.push(pending);
    }
    this.queue.splice(0, this.queue.length, ...keep);
  }

  /** One append in its own statement (the batch statement with one append), settling its caller. */
  private async writeOne(pending: PendingAppend): Promise<void> {
    const { streamId, options } = pending;
    try {
      const { rows } = await this.pool
        .query<AppendedRow>({
          name: 'demarche-append-batch',
          text: APPEND_BATCH,
          values: batchParameters([pending]),
        })
        .catch((error: { code?: string; constraint?: string }) => {
          if (error.code === '23505' && error.constraint === 'idempotency_keys_pkey')
            throw new IdempotentReplayError();
          throw error;
        });
      if (rows.length === 0) throw await this.conflict(streamId, options.expectedVersion);
      const result = resultOf(pending, rows);
      this.settleStale(streamId, result.nextExpectedVersion);
      pending.resolve(result);
    } catch (error) {
      pending.reject(error);
    }
  }

  private async conflict(streamId: string, expectedVersion: number): Promise<Error> {
    try {
      const current = await this.pool.query<{ version: number }>(STREAM_VERSION, [streamId]);
      return new StreamVersionConflictError(streamId, expectedVersion, current.rows[0]?.version ?? 0);
    } catch (error) {
      return error as Error;
    }
  }
}

function resultOf(pending: PendingAppend, rows: readonly AppendedRow[]): AppendResult {
  const events = [...rows]
    .sort((a, b) => a.stream_version - b.stream_version)
    .map((r) => ({
      eventId: r.event_id,
      streamVersion: r.stream_version,
      globalPosition: r.global_position,
    }));
  return {
    streamId: pending.streamId,
    nextExpectedVersion: pending.options.expectedVersion + pending.events.length,
    events,
  };
}

/** APPEND_BATCH's parameters: the appends' columns, then their events' (each tagged with its append). */
function batchParameters(batch: readonly PendingAppend[]): unknown[] {
  const events = batch.flatMap((pending, i) =>
    pending.events.map((event, j) => ({ req: i + 1, ord: j + 1, event, route: pending.routes[j] })),
  );
  return [
    batch.map((p) => p.streamId),
    batch.map((p) => p.options.category),
    batch.map((p) => p.events.length),
    batch.map((p) => p.options.expectedVersion),
    batch.map((p) => p.options.metadata.recordedAt),
    batch.map((p) => p.options.metadata.recordedBy),
    batch.map((p) => p.options.metadata.correlationId),
    batch.map((p) => p.options.metadata.causationId),
    batch.map((p) => p.options.idempotency?.caller ?? null),
    batch.map((p) => p.options.idempotency?.key ?? null),
    batch.map((p) => p.options.idempotency?.requestHash ?? null),
    batch.map((p) => JSON.stringify(p.options.idempotency?.response ?? {})),
    events.map((e) => e.req),
    events.map((e) => e.ord),
    events.map((e) => e.event.eventId),
    events.map((e) => e.event.type),
    events.map((e) => e.event.schemaVersion),
    events.map((e) => e.event.country),
    events.map((e) => e.event.occurredAt),
    events.map((e) => e.event.classification),
    events.map((e) => e.event.source),
    events.map((e) => e.event.confidence),
    events.map((e) => JSON.stringify(e.event.data)),
    events.map((e) => e.route?.topic),
    events.map((e) => e.route?.key),
  ];
}
