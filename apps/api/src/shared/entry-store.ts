import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AccessDeniedError,
  applyCorrections,
  CLASSIFICATIONS,
  type CommandMetadata,
  classificationRank,
  type Decider,
  type DomainEvent,
  fold,
  mayRead,
  type Principal,
  type RecordedEvent,
  streamCategory,
  writesCountry,
} from '#domain';
import { IdempotentReplayError, PostgresEventStore, StreamVersionConflictError } from '#event-store';
import type { RequestContext } from '../http/request-context.js';
import { IdempotencyKeyReusedError, StaleVersionError } from './errors.js';

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

/**
 * Writers in this process take turns per stream (see `serialised`), so conflicts come only from other
 * processes; each round lets at least one through, and past this many the command is refused (409) rather than
 * retried forever.
 */
const ATTEMPTS = 16;

/**
 * The one way command handlers read and write streams: fold with corrections applied, decide, append with the
 * expected version, and on a version conflict decide again against the new state.
 */
@Injectable()
export class EntryStore {
  /** The tail of each stream's queue of writers in this process. */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(private readonly store: PostgresEventStore) {}

  /**
   * Runs writes to one stream one after another in this process, so concurrent commands to one entry are
   * serialised (each decides on the state the previous one left) instead of racing and retrying.
   */
  private async serialised<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(streamId) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(work);
    const tail = mine.catch(() => undefined);
    this.turns.set(streamId, tail);
    try {
      return await mine;
    } finally {
      if (this.turns.get(streamId) === tail) this.turns.delete(streamId);
    }
  }

  /**
   * The first response to a keyed request by this caller, if any: consulted before anything else a command does,
   * so a retry always gets the first answer. A key reused for another request is refused.
   */
  remembered(context: RequestContext): Promise<EntryRecorded | undefined> {
    const key = context.idempotency;
    return key ? this.replay(context.recordedBy, key.key, key.requestHash) : Promise.resolve(undefined);
  }

  async load<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    actor: Principal,
  ): Promise<LoadedStream<S>> {
    const history = await this.readStream(streamId, actor);
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
    /**
     * The handler made the entry id just now (a new UUID), so its stream is empty: the first attempt decides on
     * the initial state without reading it, and leaves a duplicate of the request to the append (the idempotency
     * key is unique there, and a repeat gets the first answer). Saves two of a new entry's round trips.
     */
    readonly newStream?: boolean;
  }): Promise<EntryRecorded> {
    const pinned = args.context.ifMatch;
    let first = args.newStream === true;
    return this.appendDecided(
      args.streamId,
      args.category,
      args.context,
      pinned,
      async (metadata) => {
        const loaded: LoadedStream<S> = first
          ? { state: args.decider.initialState(), version: 0, history: [] }
          : await this.load(args.streamId, args.decider, args.context.actor);
        first = false;
        this.checkVersion(pinned, loaded.version);
        return {
          version: loaded.version,
          events: args.decider.decide(args.command(metadata, loaded), loaded.state),
        };
      },
      args.entryId,
      args.newStream === true,
    );
  }

  /**
   * Appends whatever `decide` returns for the stream, retrying on a concurrent write unless a version is pinned
   * (`expectedVersion`, else the caller's If-Match). With an Idempotency-Key, a repeated request gets the first
   * response and writes nothing. Used directly by commands whose rules read the raw history (corrections).
   */
  async appendDecided(
    streamId: string,
    category: string,
    context: RequestContext,
    expectedVersion: number | undefined,
    decide: (metadata: CommandMetadata) => Promise<{ version: number; events: readonly DomainEvent[] }>,
    entryId: string = streamId,
    newStream = false,
  ): Promise<EntryRecorded> {
    const key = context.idempotency && { ...context.idempotency, caller: context.recordedBy };
    return this.serialised(streamId, async () => {
      const metadata: CommandMetadata = {
        recordedBy: context.recordedBy,
        correlationId: context.correlationId,
        recordedAt: new Date(),
        causationId: null,
      };
      const pinned = expectedVersion ?? context.ifMatch;
      for (let attempt = 1; ; attempt += 1) {
        // A duplicate of this request may have been applied meanwhile (in another process, or while this one
        // waited its turn): its answer is the answer. A new stream's first attempt leaves that to the append.
        if (!(newStream && attempt === 1)) {
          const applied = await this.remembered(context);
          if (applied) return applied;
        }
        let decided: { version: number; events: readonly DomainEvent[] };
        try {
          decided = await decide(metadata);
          assertMayWrite(context.actor, streamId, decided.events);
          this.checkVersion(pinned, decided.version);
        } catch (error) {
          const answer = await this.remembered(context);
          if (answer) return answer;
          throw error;
        }
        try {
          const result = await this.store.appendToStream(
            streamId,
            decided.events.map((event) => ({ ...event, eventId: randomUUID() })),
            {
              expectedVersion: decided.version,
              category,
              metadata,
              idempotency: key && { ...key, response: { entryId } },
            },
          );
          const last = result.events.at(-1);
          if (!last) throw new Error(`the decider returned no event for ${streamId}`);
          return {
            entryId,
            eventId: last.eventId,
            streamId,
            streamVersion: last.streamVersion,
            globalPosition: last.globalPosition,
          };
        } catch (error) {
          if (error instanceof IdempotentReplayError && key) return this.firstAnswer(context);
          if (!(error instanceof StreamVersionConflictError)) throw error;
          // Someone else changed the stream first: with a pinned version that is a stale precondition (412).
          if (pinned !== undefined) throw new StaleVersionError(error.actualVersion, pinned);
          if (attempt >= ATTEMPTS) throw error;
          // A little jitter keeps the losers of one round from colliding again in the next.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        }
      }
    });
  }

  private async firstAnswer(context: RequestContext): Promise<EntryRecorded> {
    const first = await this.remembered(context);
    if (!first) throw new Error('an idempotent replay found no remembered response');
    return first;
  }

  private checkVersion(pinned: number | undefined, version: number): void {
    if (pinned !== undefined && pinned !== version) throw new StaleVersionError(version, pinned);
  }

  private async replay(caller: string, key: string, requestHash: string): Promise<EntryRecorded | undefined> {
    const remembered = await this.store.rememberedResponse(caller, key);
    if (!remembered) return undefined;
    if (remembered.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
    return remembered.response as unknown as EntryRecorded;
  }

  /** The stream an event belongs to, for commands addressed by event id. */
  streamOfEvent(eventId: string): Promise<string | undefined> {
    return this.store.streamOfEvent(eventId);
  }

  /**
   * A stream as the actor may see it: an entry of a country it does not read, or above its clearance, reads as
   * no history at all, so every command answers exactly as it does for an entry that was never recorded.
   */
  async readStream(streamId: string, actor: Principal): Promise<RecordedEvent[]> {
    const history = await this.store.readStream(streamId);
    return visibleTo(actor, streamId, history) ? history : [];
  }
}

/** Vendor-registry streams are reference data every caller reads; their events carry the vendor's origin. */
const REFERENCE_CATEGORIES: ReadonlySet<string> = new Set(['vendor']);

/** An entry's country is its first event's; its level the highest any of its events has. */
function visibleTo(actor: Principal, streamId: string, history: readonly RecordedEvent[]): boolean {
  const first = history[0];
  if (!first || REFERENCE_CATEGORIES.has(streamCategory(streamId) ?? '')) return true;
  const highest = Math.max(...history.map((event) => classificationRank(event.classification)));
  return mayRead(actor, { country: first.country, classification: CLASSIFICATIONS[highest] ?? 'secret' });
}

/**
 * What a command decided may be written by this actor: entries of the countries it records for, at most at its
 * clearance (it could not read them back otherwise). The vendor registry is the admin's (the route says so).
 */
function assertMayWrite(actor: Principal, streamId: string, events: readonly DomainEvent[]): void {
  if (REFERENCE_CATEGORIES.has(streamCategory(streamId) ?? '')) {
    if (actor.role === 'admin' || actor.role === 'system') return;
    throw new AccessDeniedError('ROLE_NOT_ALLOWED', 'Only an admin changes the vendor registry.');
  }
  for (const event of events) {
    if (!writesCountry(actor, event.country)) {
      throw new AccessDeniedError('COUNTRY_OUT_OF_SCOPE', `You do not record entries for ${event.country}.`);
    }
    if (classificationRank(event.classification) > classificationRank(actor.clearance)) {
      throw new AccessDeniedError(
        'ABOVE_CLEARANCE',
        `You cannot record a ${event.classification} entry with ${actor.clearance} clearance.`,
        { field: 'classification' },
      );
    }
  }
}
