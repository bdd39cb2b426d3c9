import { randomUUID } from 'node:crypto';
import { Injectable, PreconditionFailedException } from '@nestjs/common';
import {
  applyCorrections,
  type CommandMetadata,
  type Decider,
  type DomainEvent,
  fold,
  type RecordedEvent,
} from '#domain';
import { PostgresEventStore, StreamVersionConflictError } from '#event-store';
import type { RequestContext } from '../http/request-context.js';

/** What every command endpoint answers: where the change landed. */
export interface EntryRecorded {
  readonly entryId: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
}

/** A stream's current state as its decider sees it: corrections applied, retracted events left out. */
export interface LoadedStream<S> {
  readonly state: S;
  readonly version: number;
  readonly history: readonly RecordedEvent[];
}

/** Concurrent writers to one stream are rare; one re-decision on fresh state settles nearly all of them. */
const ATTEMPTS = 3;

/**
 * The one way command handlers read and write streams: fold with corrections applied, decide, append with the
 * expected version, and on a version conflict decide again against the new state.
 */
@Injectable()
export class EntryStore {
  constructor(private readonly store: PostgresEventStore) {}

  async load<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
  ): Promise<LoadedStream<S>> {
    const history = await this.store.readStream(streamId);
    const effective = applyCorrections(history) as unknown as E[];
    return { state: fold(decider, effective), version: history.at(-1)?.streamVersion ?? 0, history };
  }

  /** Runs `decide` against the stream's state and appends what it returns; the entry id names the stream. */
  async execute<C, E extends DomainEvent, S>(args: {
    readonly entryId: string;
    readonly streamId: string;
    readonly category: string;
    readonly decider: Decider<C, E, S>;
    readonly context: RequestContext;
    /** Builds the command from the state (transitions read current terms from it). */
    readonly command: (metadata: CommandMetadata, loaded: LoadedStream<S>) => C;
    /** With If-Match: the stream version the caller last saw. */
    readonly expectedVersion?: number;
  }): Promise<EntryRecorded> {
    return this.appendDecided(
      args.streamId,
      args.category,
      args.context,
      args.expectedVersion,
      async (metadata) => {
        const loaded = await this.load(args.streamId, args.decider);
        return {
          version: loaded.version,
          events: args.decider.decide(args.command(metadata, loaded), loaded.state),
        };
      },
    ).then((recorded) => ({ ...recorded, entryId: args.entryId }));
  }

  /**
   * Appends whatever `decide` returns for the stream, retrying on a concurrent write. Used directly by
   * commands whose rules read the raw history (corrections).
   */
  async appendDecided(
    streamId: string,
    category: string,
    context: RequestContext,
    expectedVersion: number | undefined,
    decide: (metadata: CommandMetadata) => Promise<{ version: number; events: readonly DomainEvent[] }>,
  ): Promise<Omit<EntryRecorded, 'entryId'>> {
    const metadata: CommandMetadata = { ...context, recordedAt: new Date(), causationId: null };
    for (let attempt = 1; ; attempt += 1) {
      const { version, events } = await decide(metadata);
      if (expectedVersion !== undefined && expectedVersion !== version) {
        throw new PreconditionFailedException({ currentVersion: version, expectedVersion });
      }
      try {
        const result = await this.store.appendToStream(
          streamId,
          events.map((event) => ({ ...event, eventId: randomUUID() })),
          { expectedVersion: version, category, metadata },
        );
        const last = result.events.at(-1);
        if (!last) throw new Error(`the decider returned no event for ${streamId}`);
        return {
          eventId: last.eventId,
          streamId,
          streamVersion: last.streamVersion,
          globalPosition: last.globalPosition,
        };
      } catch (error) {
        if (
          !(error instanceof StreamVersionConflictError) ||
          attempt >= ATTEMPTS ||
          expectedVersion !== undefined
        ) {
          throw error;
        }
      }
    }
  }

  /** The stream an event belongs to, for commands addressed by event id. */
  streamOfEvent(eventId: string): Promise<string | undefined> {
    return this.store.streamOfEvent(eventId);
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId);
  }
}
