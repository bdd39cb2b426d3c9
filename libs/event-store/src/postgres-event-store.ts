import type pg from 'pg';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '#domain';
import { StreamVersionConflictError } from './errors.js';
import { readStreamEvents } from './event-log.js';
import {
  APPEND_TO_STREAM,
  FORGET_IDEMPOTENCY_KEYS,
  IDEMPOTENT_RESPONSE,
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

/** Postgres event store with expected-version concurrency and a transactional outbox. */
export class PostgresEventStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly route: OutboxRouter,
    private readonly check: EventCheck = () => undefined,
  ) {}

  /** Reads a stream in version order; an unknown stream reads as empty. */
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return readStreamEvents(this.pool, streamId);
  }

  /** The response remembered for a caller's idempotency key, if any. */
  async rememberedResponse(caller: string, key: string): Promise<RememberedResponse | undefined> {
    const { rows } = await this.pool.query<{ request_hash: string; response: Record<string, unknown> }>(
      IDEMPOTENT_RESPONSE,
      [caller, key],
    );
    const row = rows[0];
    return row && { requestHash: row.request_hash, response: row.response };
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
    const { metadata } = options;
    const { rows } = await this.pool
      .query<{
        global_position: string;
        event_id: string;
        stream_version: number;
      }>(APPEND_TO_STREAM, [
        streamId,
        options.category,
        events.length,
        options.expectedVersion,
        metadata.recordedAt,
        metadata.recordedBy,
        metadata.correlationId,
        metadata.causationId,
        events.map((e) => e.eventId),
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => e.country),
        events.map((e) => e.occurredAt),
        events.map((e) => e.classification),
        events.map((e) => e.source),
        events.map((e) => e.confidence),
        events.map((e) => JSON.stringify(e.data)),
        routes.map((r) => r.topic),
        routes.map((r) => r.key),
        options.idempotency?.caller ?? null,
        options.idempotency?.key ?? null,
        options.idempotency?.requestHash ?? null,
        JSON.stringify(options.idempotency?.response ?? {}),
      ])
      .catch((error: { code?: string; constraint?: string }) => {
        if (error.code === '23505' && error.constraint === 'idempotency_keys_pkey')
          throw new IdempotentReplayError();
        throw error;
      });
    if (rows.length === 0) {
      const current = await this.pool.query<{ version: number }>(STREAM_VERSION, [streamId]);
      throw new StreamVersionConflictError(streamId, options.expectedVersion, current.rows[0]?.version ?? 0);
    }
    return {
      streamId,
      nextExpectedVersion: options.expectedVersion + events.length,
      events: rows.map((r) => ({
        eventId: r.event_id,
        streamVersion: r.stream_version,
        globalPosition: r.global_position,
      })),
    };
  }
}
