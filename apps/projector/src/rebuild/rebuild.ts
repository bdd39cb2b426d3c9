import type pg from 'pg';
import pino from 'pino';
import type { RecordedEvent } from '#domain';
import {
  countEvents,
  headPosition,
  isTransientDatabaseError,
  readEventsAfter,
  readStreamsEvents,
  withTransaction,
} from '#event-store';
import { fromWireRecord, type Kafka, readTopicToEnd, UndecodableMessageError } from '#messaging';
import type { Projection } from '../projections/projection.js';
import { eventAsOf, loadStreamHistory, storeInHistory, storeManyInHistory } from '../stream-history.js';
import { WriteBehind } from '../write-behind.js';
import {
  behindInShadow,
  CLAIMED_VERSIONS,
  SWAP_LOCK,
  TABLE_INDEXES,
  TABLE_KEY_CONSTRAINTS,
} from './rebuild.sql.js';

/** The tables each projection owns: what a rebuild recreates and swaps. */
export const PROJECTION_TABLES: Readonly<Record<string, readonly string[]>> = {
  'country-timeline': ['country_timeline'],
  'country-activity': ['country_activity'],
  registers: ['registers', 'register_open_counts'],
  'contract-holdings': ['contract_holdings', 'contract_holding_totals', 'contract_holding_months'],
  vendors: ['vendors', 'vendor_classifications'],
};

/** The runner whose claims say which events are applied (see ProjectionRunnerService). */
const RUNNER = 'read-models';
const PAGE = 1_000;
/** Main passes at most, each to the head as it then was; the swap's catch-up takes the rest. */
const MAX_PASSES = 5;

export interface RebuildOptions {
  readonly projection: string;
  /** Rebuild one country's rows in place, in one transaction, instead of the whole table. */
  readonly country?: string;
  /** Where the main pass reads: the event store (default) or the Kafka topics (every level's) from their start. */
  readonly source?:
    | { readonly kind: 'events' }
    | { readonly kind: 'kafka'; readonly kafka: Kafka; readonly topics: readonly string[] };
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Swap in the rebuilt tables although some Kafka records could not be decoded (they are left out). By default
   * the rebuild refuses: tables silently missing events are worse than stale ones.
   */
  readonly allowUndecodable?: boolean;
  /** Where each undecodable record is reported with its position; pino's shape, stderr by default. */
  readonly log?: RebuildLog;
}

export interface RebuildLog {
  warn(object: object, message: string): void;
}

/** Where a record sits on Kafka. */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface RebuildResult {
  readonly projection: string;
  readonly country: string | null;
  readonly applied: number;
  readonly caughtUpAtSwap: number;
  /** Kafka records the main pass skipped because they could not be decoded (swapped only when allowed). */
  readonly undecodable: number;
  readonly seconds: number;
}

export class RebuildError extends Error {}

/** The main pass met records it could not decode, and the rebuilt tables were not swapped in. */
export class UndecodableRecordsError extends RebuildError {
  constructor(
    readonly count: number,
    readonly first: readonly RecordPosition[],
  ) {
    const positions = first.map((p) => `${p.topic}/${p.partition}@${p.offset}`).join(', ');
    super(
      `${count} record(s) could not be decoded (first: ${positions}); the rebuilt tables were not swapped in. ` +
        'Inspect those records, or rebuild with --allow-undecodable to swap in tables without them.',
    );
  }
}

let stderrLog: RebuildLog | undefined;
function defaultLog(): RebuildLog {
  stderrLog ??= pino({ name: 'rebuild' }, pino.destination(2));
  return stderrLog;
}

/** Counts and logs the records a rebuild skips; keeps the first few positions for the report. */
class UndecodableTally {
  count = 0;
  readonly first: RecordPosition[] = [];
  constructor(private readonly log: RebuildLog | undefined) {}

  skip(position: RecordPosition, error: Error): void {
    this.count += 1;
    if (this.first.length < 10) this.first.push(position);
    (this.log ?? defaultLog()).warn(
      { ...position, reason: error.message },
      'rebuild skipped a record it cannot decode',
    );
  }
}

async function applyOne(
  client: pg.ClientBase,
  projection: Projection,
  event: RecordedEvent,
): Promise<boolean> {
  // The history as the projector saw it when applying this event (the shadow schema's, on the search path).
  const history = await storeInHistory(client, event);
  if (!history) return false;
  await projection.apply(client, eventAsOf(event, history), history);
  return true;
}

/**
 * Applies a page in the shadow schema in BUCKETS transactions side by side, on connections of their own: the
 * events of one Kafka key (a country; a vendor's stream) stay in one bucket in their order, as the live projector
 * applies each partition in order and partitions side by side. A rebuild waits on round trips, not on CPU.
 */
async function applyInShadow(
  pool: pg.Pool,
  schema: string,
  projection: Projection,
  events: readonly RecordedEvent[],
): Promise<number> {
  const buckets = new Map<number, RecordedEvent[]>();
  for (const event of events) {
    const bucket = bucketOf(event);
    const list = buckets.get(bucket) ?? [];
    list.push(event);
    buckets.set(bucket, list);
  }
  const applied = await Promise.all(
    [...buckets.values()].map(async (bucket) => {
      // Side by side, two buckets may lock shared rows in opposite orders: Postgres breaks the deadlock by
      // failing one, which rolls back whole and runs again (its events are then new to the shadow again).
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await withTransaction(pool, async (client) => {
            await client.query(`SET LOCAL search_path TO ${schema}, public`);
            // The bucket's events go into the shadow's stream history in one round trip, then each is applied.
            const histories = await storeManyInHistory(client, bucket);
            // Consecutive single-row inserts (a timeline entry each) go as multi-row inserts.
            const writes = new WriteBehind(client);
            const target = writes.asClient();
            let n = 0;
            for (const [i, event] of bucket.entries()) {
              const history = histories[i];
              if (!history) continue;
              await projection.apply(target, eventAsOf(event, history), history);
              n += 1;
            }
            await writes.flush();
            return n;
          });
        } catch (error) {
          if (attempt >= 5 || !isTransientDatabaseError(error)) throw error;
        }
      }
    }),
  );
  return applied.reduce((a, b) => a + b, 0);
}

/** Transactions a rebuild's main pass runs side by side (its pool must have as many connections). */
export const REBUILD_BUCKETS = 4;

/** The bucket of the event's Kafka key (see eventRouter): a country, or a vendor's stream. */
function bucketOf(event: RecordedEvent): number {
  const key = event.streamId.startsWith('vendor-') ? event.streamId : event.country;
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % REBUILD_BUCKETS;
}

/**
 * Reads the event store a page at a time in position order (which is each stream's order), keeping the events
 * the live projector has applied, and hands each page to `apply`. Returns how many `apply` counted.
 */
async function eachAppliedPage(
  db: pg.ClientBase | pg.Pool,
  country: string | null,
  progress: (n: number) => void,
  apply: (events: readonly RecordedEvent[]) => Promise<number>,
): Promise<number> {
  let after = '0';
  let applied = 0;
  // Each pass ends at the head as it was when the pass began, so a rebuild slower than the writers still ends;
  // a further pass takes what was written meanwhile, while that is more than a page. What is left (and what a
  // late commit put below a passed position) the catch-up under the swap lock takes, stream by stream.
  for (let passes = 0; passes < MAX_PASSES; passes += 1) {
    const head = await headPosition(db);
    if (passes > 0 && BigInt(head) - BigInt(after) <= PAGE) break;
    for (;;) {
      const page = await readEventsAfter(db, after, { limit: PAGE, country, upTo: head });
      const last = page.at(-1);
      if (!last) break;
      applied += await apply(await claimedOnly(db, page));
      progress(page.length);
      after = last.globalPosition;
    }
    if (BigInt(after) < BigInt(head)) after = head;
  }
  return applied;
}

/** Main pass from the event store: every applied event, in position order. */
function fromEventStore(
  pool: pg.Pool,
  schema: string,
  projection: Projection,
  progress: (n: number) => void,
) {
  return eachAppliedPage(pool, null, progress, (events) => applyInShadow(pool, schema, projection, events));
}

/**
 * Main pass from Kafka: each topic (one per classification level) from its start up to its end when its read
 * began; duplicates drop out. Topics are read one after another: a stream's events all carry its level, so they
 * are on one topic and partition, in order; the swap's catch-up takes whatever came later.
 */
async function fromKafka(
  pool: pg.Pool,
  schema: string,
  projection: Projection,
  kafka: Kafka,
  topics: readonly string[],
  progress: (n: number) => void,
  undecodable: UndecodableTally,
): Promise<number> {
  let applied = 0;
  for (const topic of topics) {
    applied += await fromKafkaTopic(pool, schema, projection, kafka, topic, progress, undecodable);
  }
  return applied;
}

async function fromKafkaTopic(
  pool: pg.Pool,
  schema: string,
  projection: Projection,
  kafka: Kafka,
  topic: string,
  progress: (n: number) => void,
  undecodable: UndecodableTally,
): Promise<number> {
  let applied = 0;
  // A batch is one partition's: its events mostly fall in one bucket, so partitions are applied side by side.
  const options = { partitionsConcurrently: REBUILD_BUCKETS };
  await readTopicToEnd(
    kafka,
    topic,
    'rebuild',
    async (partition, messages) => {
      const events: RecordedEvent[] = [];
      for (const message of messages) {
        try {
          events.push(fromWireRecord(message));
        } catch (error) {
          if (!(error instanceof UndecodableMessageError)) throw error;
          undecodable.skip({ topic, partition, offset: message.offset }, error);
        }
      }
      const n = await applyInShadow(pool, schema, projection, await claimedOnly(pool, events));
      applied += n;
      progress(events.length);
    },
    options,
  );
  return applied;
}

/** Keeps the events the live projector has applied; the rest it will apply itself after the swap. */
async function claimedOnly(
  db: pg.ClientBase | pg.Pool,
  events: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  if (events.length === 0) return [];
  const { rows } = await db.query<{ stream_id: string; stream_version: number }>(CLAIMED_VERSIONS, [
    RUNNER,
    [...new Set(events.map((e) => e.streamId))],
  ]);
  const claims = new Map(rows.map((r) => [r.stream_id, r.stream_version]));
  return events.filter((e) => e.streamVersion <= (claims.get(e.streamId) ?? 0));
}

/**
 * Applied events the shadow tables have not seen: of each stream behind there, the events up to the runner's
 * claim, in position order (those already in the shadow drop out when applied).
 */
async function missingFromShadow(client: pg.ClientBase, schema: string): Promise<RecordedEvent[]> {
  const { rows } = await client.query<{ stream_id: string; stream_version: number }>(behindInShadow(schema), [
    RUNNER,
  ]);
  const events: RecordedEvent[] = [];
  for (let i = 0; i < rows.length; i += PAGE) {
    const upTo = new Map(rows.slice(i, i + PAGE).map((r) => [r.stream_id, r.stream_version]));
    events.push(...(await readStreamsEvents(client, upTo)));
  }
  return events.sort((a, b) => (BigInt(a.globalPosition) < BigInt(b.globalPosition) ? -1 : 1));
}

/**
 * Rebuilds a projection without downtime. Whole table: into a shadow schema while reads keep using the live
 * tables, then, under the swap lock (which pauses the live projector between its transactions), catches up and
 * swaps the tables in one transaction. One country: deletes and re-applies its rows in one transaction, which
 * readers see all at once on commit.
 */
export async function rebuildProjection(
  pool: pg.Pool,
  projections: readonly Projection[],
  options: RebuildOptions,
): Promise<RebuildResult> {
  const started = Date.now();
  const projection = projections.find((p) => p.name === options.projection);
  const tables = PROJECTION_TABLES[options.projection];
  if (!projection || !tables) {
    throw new RebuildError(
      `unknown projection "${options.projection}"; one of: ${Object.keys(PROJECTION_TABLES).join(', ')}`,
    );
  }
  const country = options.country ?? null;
  const total = await countEvents(pool, country);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(Math.min(done, total), total);
  };
  if (country) {
    if (options.projection === 'vendors') throw new RebuildError('the vendor registry belongs to no country');
    const applied = await rebuildCountry(pool, projection, tables, country, progress);
    return {
      projection: projection.name,
      country,
      applied,
      caughtUpAtSwap: 0,
      undecodable: 0,
      seconds: (Date.now() - started) / 1000,
    };
  }
  const schema = `rebuild_${projection.name.replace(/-/g, '_')}_${Date.now()}`;
  await withTransaction(pool, async (client) => {
    await client.query(`CREATE SCHEMA ${schema}`);
    for (const table of [...tables, 'projected_events']) await createShadowTable(client, schema, table);
  });
  try {
    const source = options.source ?? { kind: 'events' as const };
    const undecodable = new UndecodableTally(options.log);
    const applied =
      source.kind === 'kafka'
        ? await fromKafka(pool, schema, projection, source.kafka, source.topics, progress, undecodable)
        : await fromEventStore(pool, schema, projection, progress);
    if (undecodable.count > 0 && !options.allowUndecodable)
      throw new UndecodableRecordsError(undecodable.count, undecodable.first);
    await buildDeferredIndexes(pool, schema, tables);
    // Tables swapped in without statistics are read with the planner's guesses (a page of a timeline sorted
    // whole) until autovacuum gets to them, if it runs at all.
    for (const table of tables) await pool.query(`ANALYZE ${schema}.${table}`);
    const caughtUpAtSwap = await withTransaction(pool, async (client) => {
      await client.query(SWAP_LOCK);
      await client.query(`SET LOCAL search_path TO ${schema}, public`);
      let n = 0;
      for (const event of await missingFromShadow(client, schema))
        if (await applyOne(client, projection, event)) n += 1;
      for (const table of tables) {
        await client.query(`DROP TABLE public.${table}`);
        await client.query(`ALTER TABLE ${schema}.${table} SET SCHEMA public`);
      }
      return n;
    });
    progress(total - done);
    return {
      projection: projection.name,
      country: null,
      applied: applied + caughtUpAtSwap,
      caughtUpAtSwap,
      undecodable: undecodable.count,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

/** A live table's index definition, made to build the same index, same name, on its shadow table. */
function onShadow(schema: string, indexdef: string): string {
  const shadowed = indexdef.replace(/ ON public\./, ` ON ${schema}.`);
  if (shadowed === indexdef) throw new RebuildError(`cannot place index on the shadow table: ${indexdef}`);
  return shadowed;
}

/**
 * A shadow table shaped as the live one, with its constraints and indexes under the live names (so the swapped-in
 * table is the one the migrations made, index names included) — except the GIN indexes (search, topics, vendors,
 * participants): they serve reads only and cost the most to keep up row by row, so they are built once the rows
 * are in (buildDeferredIndexes). The b-tree indexes stay: the projections look rows up by them while loading.
 */
async function createShadowTable(client: pg.ClientBase, schema: string, table: string): Promise<void> {
  await client.query(
    `CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL EXCLUDING INDEXES)`,
  );
  const constraints = await client.query<{ conname: string; def: string }>(TABLE_KEY_CONSTRAINTS, [table]);
  for (const { conname, def } of constraints.rows)
    await client.query(`ALTER TABLE ${schema}.${table} ADD CONSTRAINT ${conname} ${def}`);
  const indexes = await client.query<{ indexdef: string; gin: boolean }>(TABLE_INDEXES, [table]);
  for (const { indexdef, gin } of indexes.rows) if (!gin) await client.query(onShadow(schema, indexdef));
}

/** The live tables' GIN indexes, built on the loaded shadow tables under the same names (see createShadowTable). */
async function buildDeferredIndexes(pool: pg.Pool, schema: string, tables: readonly string[]): Promise<void> {
  await withTransaction(pool, async (client) => {
    // Index builds sort in memory up to this much, per build.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const table of tables) {
      const { rows } = await client.query<{ indexdef: string; gin: boolean }>(TABLE_INDEXES, [table]);
      for (const { indexdef, gin } of rows) if (gin) await client.query(onShadow(schema, indexdef));
    }
  });
}

async function rebuildCountry(
  pool: pg.Pool,
  projection: Projection,
  tables: readonly string[],
  country: string,
  progress: (n: number) => void,
): Promise<number> {
  return withTransaction(pool, async (client) => {
    await client.query(SWAP_LOCK);
    for (const table of tables)
      await client.query(`DELETE FROM public.${table} WHERE country = $1`, [country]);
    return eachAppliedPage(client, country, progress, async (events) => {
      for (const event of events) {
        const history = await loadStreamHistory(client, event.streamId, event.streamVersion);
        await projection.apply(client, eventAsOf(event, history), history);
      }
      return events.length;
    });
  });
}
