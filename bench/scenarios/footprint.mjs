// Scenario 7, Footprint (the on-disk half; RSS is sampled in ingest.mjs): bytes on disk per million events,
// from pg_total_relation_size (tables, indexes, TOAST; partitions summed) scaled by the events written.
import pg from 'pg';
import { row } from '../lib/table.mjs';

const MILLION = 1_000_000;

async function withClient(databaseUrl, work) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Bytes of the named tables, each with its partitions, indexes and TOAST, less what they took empty (measured
 * by emptySizes right after migrating: an empty table's indexes are pages too, which a small run would scale up).
 */
async function bytesOf(client, tables, empty = {}) {
  const before = tables.reduce((sum, t) => sum + (empty[t] ?? 0), 0);
  return (await rawBytesOf(client, tables)) - before;
}

/** Every table's size in a freshly migrated database (schema-qualified name → bytes). */
export async function emptySizes(databaseUrl) {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT format('%I.%I', schemaname, tablename) AS name, pg_total_relation_size(format('%I.%I', schemaname, tablename))::float8 AS bytes
       FROM pg_tables WHERE schemaname IN ('public', 'alerts')`,
    );
    return Object.fromEntries(
      rows.flatMap((r) => [
        [r.name, r.bytes],
        [r.name.replace(/^public\./, ''), r.bytes],
      ]),
    );
  });
}

async function rawBytesOf(client, tables) {
  const { rows } = await client.query(
    `SELECT coalesce(sum(pg_total_relation_size(coalesce(p.relid, t.rel))), 0)::float8 AS bytes
     FROM unnest($1::regclass[]) AS t(rel) LEFT JOIN LATERAL pg_partition_tree(t.rel) p ON true`,
    [tables],
  );
  return rows[0].bytes;
}

async function count(client, table) {
  const { rows } = await client.query(`SELECT count(*)::float8 AS n FROM ${table}`);
  return rows[0].n;
}

/** After scenario 1: the store's tables per million events, beside Emmett's and bare tables of the same rows. */
export async function eventStoreOnDisk({ databaseUrl, emmettUrl, rows, figures, empty }) {
  const ours = await withClient(databaseUrl, async (c) => {
    const events = await count(c, 'events');
    if (events === 0) return undefined;
    const plain = await count(c, 'bench_plain_events');
    const pgbench = await count(c, 'bench_pgbench_events');
    return {
      events,
      store: ((await bytesOf(c, ['events', 'streams'], empty)) / events) * MILLION,
      outbox: ((await bytesOf(c, ['outbox'], empty)) / events) * MILLION,
      plainEvents: plain ? ((await bytesOf(c, ['bench_plain_events'])) / plain) * MILLION : undefined,
      plainOutbox: plain ? ((await bytesOf(c, ['bench_plain_outbox'])) / plain) * MILLION : undefined,
      pgbench: pgbench ? ((await bytesOf(c, ['bench_pgbench_events'])) / pgbench) * MILLION : undefined,
    };
  });
  if (!ours) return;
  const emmett = await withClient(emmettUrl, async (c) => {
    const exists = await c.query(`SELECT to_regclass('emt_messages') IS NOT NULL AS ok`);
    if (!exists.rows[0].ok) return undefined;
    const messages = await count(c, 'emt_messages');
    return messages ? ((await bytesOf(c, ['emt_messages', 'emt_streams'])) / messages) * MILLION : undefined;
  });
  figures.disk = { afterAppend: { ...ours, emmett } };
  const scenario = '7 footprint, on disk per 1M events';
  rows.push(
    row(
      scenario,
      `event store (events + streams), after scenario 1 (${ours.events} events)`,
      'MiB',
      'lower',
      ours.store,
      [
        ['Emmett-PG (messages + streams)', emmett],
        ['bare events-shaped table, pg tx', ours.plainEvents],
      ],
    ),
  );
  rows.push(
    row(scenario, 'outbox, after scenario 1', 'MiB', 'lower', ours.outbox, [
      ['bare outbox-shaped table, pg tx', ours.plainOutbox],
    ]),
  );
}

const NOT_READ_MODELS = ['events', 'streams', 'outbox', 'idempotency_keys', 'pgmigrations'];

/** After scenarios 2 and 3 (everything projected): read models and idempotency keys per million events. */
export async function readModelsOnDisk({ databaseUrl, rows, figures, empty }) {
  const measured = await withClient(databaseUrl, async (c) => {
    const events = await count(c, 'events');
    if (events === 0) return undefined;
    const { rows: tables } = await c.query(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
       WHERE schemaname IN ('public', 'alerts') AND NOT (tablename = ANY($1)) AND tablename NOT LIKE 'bench\\_%'`,
      [NOT_READ_MODELS],
    );
    const perMillion = async (names) => ((await bytesOf(c, names, empty)) / events) * MILLION;
    return {
      events,
      readModels: await perMillion(tables.map((t) => t.name)),
      readModelTables: tables.map((t) => t.name),
      store: await perMillion(['events', 'streams']),
      outbox: await perMillion(['outbox']),
      idempotencyKeys: await perMillion(['idempotency_keys']),
    };
  });
  if (!measured) return;
  figures.disk = { ...figures.disk, afterIngest: measured };
  const scenario = '7 footprint, on disk per 1M events';
  const store = [['event store (events + streams), same events', measured.store]];
  rows.push(
    row(
      scenario,
      `read models, after ingest (${measured.events} events)`,
      'MiB',
      'lower',
      measured.readModels,
      store,
    ),
  );
  rows.push(row(scenario, 'outbox (published), after ingest', 'MiB', 'lower', measured.outbox, store));
  rows.push(row(scenario, 'idempotency keys, after ingest', 'MiB', 'lower', measured.idempotencyKeys, store));
}
