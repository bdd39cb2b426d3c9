// Scenario 1, Append: the event store library (no HTTP) beside a plain pg transaction, Emmett's PostgreSQL event
// store and pgbench's one-row INSERT, each at the same client counts and with the same payload.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { closedLoop, pgbench } from '../lib/measure.mjs';
import { COUNTRY, meetingEvent, metadata } from '../lib/payload.mjs';
import { row } from '../lib/table.mjs';

const lib = async () => ({
  ...(await import('../../dist/libs/event-store/src/index.js')),
  ...(await import('../../dist/libs/messaging/src/index.js')),
});

/** Tables for the baselines, shaped like the store's (same columns, defaults and indexes; no foreign keys). */
export async function prepareBaselines(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE bench_plain_events (LIKE events INCLUDING ALL);
      CREATE TABLE bench_plain_outbox (LIKE outbox INCLUDING ALL);
      CREATE TABLE bench_pgbench_events (LIKE events INCLUDING ALL);`);
  } finally {
    await client.end();
  }
}

/** demarche's PostgresEventStore: one meeting to a new stream, expected version 0. */
export async function demarcheAppends(databaseUrl, topicPrefix, clients) {
  const { PostgresEventStore, createPool, eventRouter } = await lib();
  const pool = createPool(databaseUrl, clients);
  const store = new PostgresEventStore(pool, eventRouter(topicPrefix));
  return {
    append: async () => {
      const event = meetingEvent();
      await store.appendToStream(`engagement-${event.data.meetingId}`, [event], {
        expectedVersion: 0,
        category: 'engagement',
        metadata: metadata(),
      });
    },
    store,
    close: () => pool.end(),
  };
}

const PLAIN_EVENT = `
INSERT INTO bench_plain_events (event_id, stream_id, stream_version, event_type, schema_version, country,
  occurred_at, recorded_at, recorded_by, classification, source, confidence, correlation_id, causation_id, data)
VALUES ($1, $2, 1, $3, 1, $4, $5, now(), 'bench', $6, NULL, NULL, $7, NULL, $8)
RETURNING global_position`;
const PLAIN_OUTBOX = `INSERT INTO bench_plain_outbox (global_position, topic, message_key) VALUES ($1, $2, $3)`;

/** The floor a library could reach with pg alone: BEGIN, insert the event, insert its outbox row, COMMIT. */
export function plainAppends(databaseUrl, topicPrefix, clients) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  const topic = `${topicPrefix}.engagement.unclassified`;
  return {
    append: async () => {
      const event = meetingEvent();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query(PLAIN_EVENT, [
          event.eventId,
          `engagement-${event.data.meetingId}`,
          event.type,
          event.country,
          event.occurredAt,
          event.classification,
          randomUUID(),
          JSON.stringify(event.data),
        ]);
        await client.query(PLAIN_OUTBOX, [rows[0].global_position, topic, event.country]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Emmett's PostgreSQL event store (its own database), the same event to a new stream. */
export async function emmettAppends(databaseUrl, clients) {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const { STREAM_DOES_NOT_EXIST } = await import('@event-driven-io/emmett');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  const store = getPostgreSQLEventStore(databaseUrl, { connectionOptions: { pool } });
  const toEmmett = (event) => ({
    type: event.type,
    data: event.data,
    metadata: { eventId: event.eventId, country: event.country, occurredAt: event.occurredAt },
  });
  return {
    append: async () => {
      const event = meetingEvent();
      await store.appendToStream(`engagement-${event.data.meetingId}`, [toEmmett(event)], {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      });
    },
    store,
    pool,
    toEmmett,
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

/** pgbench's one-row INSERT of the same event into a table shaped like the store's events. */
export function pgbenchScript() {
  const { data, type, classification, occurredAt } = meetingEvent();
  const json = JSON.stringify(data).replace(/'/g, "''");
  return `INSERT INTO bench_pgbench_events (event_id, stream_id, stream_version, event_type, schema_version, country, occurred_at, recorded_at, recorded_by, classification, correlation_id, data) VALUES (gen_random_uuid(), 'engagement-' || gen_random_uuid(), 1, '${type}', 1, '${COUNTRY}', '${occurredAt}', now(), 'bench', '${classification}', gen_random_uuid(), '${json}');\n`;
}

async function measure(makeAppender, clients, seconds) {
  const appender = await makeAppender(clients);
  try {
    return await closedLoop({ clients, seconds, operation: appender.append });
  } finally {
    await appender.close();
  }
}

/** Every figure of one client count: demarche, and the three baselines. */
export async function appendAt({ databaseUrl, emmettUrl, topicPrefix, clients, seconds }) {
  const demarche = await measure((c) => demarcheAppends(databaseUrl, topicPrefix, c), clients, seconds);
  const plain = await measure((c) => plainAppends(databaseUrl, topicPrefix, c), clients, seconds);
  const emmett = await measure((c) => emmettAppends(emmettUrl, c), clients, seconds);
  const ceiling = await pgbench({ databaseUrl, sql: pgbenchScript(), clients, seconds });
  return { demarche, plain, emmett, pgbench: ceiling };
}

/**
 * `clients` writers on one stream, each appending with the version it last saw: `append(expected)` answers the
 * next version, or { conflict: current } when the stream had moved on (the writer then tries again from there).
 * Successful appends/s, their latency, and the share of attempts that conflicted.
 */
async function contend({ clients, seconds, startVersion, append }) {
  const seen = Array(clients).fill(startVersion);
  const r = await closedLoop({
    clients,
    seconds,
    operation: async (client) => {
      const outcome = await append(seen[client]);
      if (typeof outcome === 'object' && 'conflict' in outcome) {
        seen[client] = outcome.conflict;
        return false;
      }
      seen[client] = outcome;
      return true;
    },
  });
  return { ...r, conflictRate: r.refused / Math.max(1, r.ops + r.refused) };
}

async function demarcheHotStream({ databaseUrl, topicPrefix, clients, seconds }) {
  const { StreamVersionConflictError } = await lib();
  const { store, close } = await demarcheAppends(databaseUrl, topicPrefix, clients);
  const streamId = `engagement-hot-${randomUUID()}`;
  const options = (expectedVersion) => ({ expectedVersion, category: 'engagement', metadata: metadata() });
  try {
    const first = await store.appendToStream(streamId, [meetingEvent()], options(0));
    return await contend({
      clients,
      seconds,
      startVersion: first.nextExpectedVersion,
      append: (expected) =>
        store.appendToStream(streamId, [meetingEvent()], options(expected)).then(
          (r) => r.nextExpectedVersion,
          (error) => {
            if (!(error instanceof StreamVersionConflictError)) throw error;
            return { conflict: error.actualVersion };
          },
        ),
    });
  } finally {
    await close();
  }
}

async function emmettHotStream({ emmettUrl, clients, seconds }) {
  const { isExpectedVersionConflictError } = await import('@event-driven-io/emmett');
  const { store, pool, toEmmett, close } = await emmettAppends(emmettUrl, clients);
  const streamId = `engagement-hot-${randomUUID()}`;
  try {
    const first = await store.appendToStream(streamId, [toEmmett(meetingEvent())]);
    return await contend({
      clients,
      seconds,
      startVersion: first.nextExpectedStreamVersion,
      append: (expected) =>
        store.appendToStream(streamId, [toEmmett(meetingEvent())], { expectedStreamVersion: expected }).then(
          (r) => r.nextExpectedStreamVersion,
          async (error) => {
            if (!isExpectedVersionConflictError(error)) throw error;
            // Emmett's error does not name the current version (it says -1): read it in one round trip, as
            // demarche's store does on a conflict.
            const { rows } = await pool.query(
              'SELECT stream_position FROM emt_streams WHERE stream_id = $1 AND NOT is_archived',
              [streamId],
            );
            return { conflict: BigInt(rows[0].stream_position) };
          },
        ),
    });
  } finally {
    await close();
  }
}

export async function hotStreamAt(options) {
  return { demarche: await demarcheHotStream(options), emmett: await emmettHotStream(options) };
}

/** Scenario 1: rows for the table. */
export async function run({ databaseUrl, emmettUrl, topicPrefix, seconds, rows, figures, log }) {
  figures.append = {};
  for (const clients of [1, 16, 64]) {
    log(`append: ${clients} client(s)…`);
    const r = await appendAt({ databaseUrl, emmettUrl, topicPrefix, clients, seconds });
    figures.append[clients] = r;
    const baselines = (key) => [
      ['Emmett-PG appendToStream', r.emmett[key]],
      ['pg tx (event + outbox)', r.plain[key]],
      ['pgbench one-row INSERT', r.pgbench[key]],
    ];
    const scenario = `1 append, c=${clients}`;
    rows.push(row(scenario, 'appends/s', '/s', 'higher', r.demarche.perSecond, baselines('perSecond')));
    rows.push(row(scenario, 'p50', 'ms', 'lower', r.demarche.p50, baselines('p50')));
    rows.push(row(scenario, 'p99', 'ms', 'lower', r.demarche.p99, baselines('p99')));
  }
  log('append: 16 clients on one hot stream…');
  const hot = await hotStreamAt({ databaseUrl, emmettUrl, topicPrefix, clients: 16, seconds });
  figures.append.hotStream = hot;
  const scenario = '1 append, hot stream c=16';
  rows.push(
    row(scenario, 'successful appends/s', '/s', 'higher', hot.demarche.perSecond, [
      ['Emmett-PG, same contention', hot.emmett.perSecond],
    ]),
  );
  rows.push(
    row(scenario, 'conflict rate', '%', 'lower', hot.demarche.conflictRate, [
      ['Emmett-PG, same contention', hot.emmett.conflictRate],
    ]),
  );
}
