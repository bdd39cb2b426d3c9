// Scenarios 4 (rebuild), 5 (reads), 6 (growth) and the rest of 7 (RSS under the rebuild, read models at N events)
// on a corpus of N events of every type (bench/lib/corpus.mjs), in a database and topic prefix of their own, with
// relay, projector and api running.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { kafkaSaslEnv } from '../../scripts/kafka/credentials.mjs';
import { devToken } from '../../scripts/lib/dev-key.mjs';
import {
  autovacuumSetting,
  BIG_COUNTRY,
  drained,
  mixOf,
  recordTemplate,
  vacuum,
  writeCampaigns,
} from '../lib/corpus.mjs';
import { closedLoop, rssSampler, running, summary } from '../lib/measure.mjs';
import * as stack from '../lib/stack.mjs';
import { row } from '../lib/table.mjs';
import { demarcheAppends } from './append.mjs';

const CONNECTIONS = 16;
const MILLION = 1_000_000;
const fmtCount = (n) => n.toLocaleString('en-US');

const api = async () => ({
  ...(await import('../../dist/apps/api/src/timeline/timeline.sql.js')),
  ...(await import('../../dist/apps/api/src/timeline/get-timeline/get-timeline.query.js')),
  ...(await import('../../dist/apps/api/src/dependency/dependency.sql.js')),
  ...(await import('../../dist/apps/api/src/countries/countries.sql.js')),
  ...(await import('../../dist/apps/api/src/shared/dates.js')),
  ...(await import('../../dist/libs/messaging/src/index.js')),
});

async function withClient(databaseUrl, work) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** autocannon GET at CONNECTIONS for `seconds` after a warm-up (1 s; 0.5 s in quick runs): req/s, p50, p99, non-2xx. */
async function httpReads(url, token, seconds) {
  const headers = { authorization: `Bearer ${token}` };
  await autocannon({ url, connections: CONNECTIONS, duration: seconds < 5 ? 0.5 : 1, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    perSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** The same SQL as the API's handler, with `pg` at CONNECTIONS clients: queries/s, p50, p99. */
async function sqlReads(databaseUrl, seconds, operation) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  try {
    return await closedLoop({ clients: CONNECTIONS, seconds, operation: () => operation(pool) });
  } finally {
    await pool.end();
  }
}

/**
 * `clients` loops of `each` operations (after 10 each not counted): a fixed number of appends, so the corpus the
 * growth figures are measured on grows by a known few thousand events, not by whatever a timed loop manages.
 */
async function countedLoop(clients, each, operation) {
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < 10; i += 1) await operation();
      for (let i = 0; i < each; i += 1) {
        const t = performance.now();
        await operation();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return summary(latencies, latencies.length, (performance.now() - started) / 1000);
}

/** Timeline first page p99 (HTTP) and append p99 (event store library, c=16): scenario 6's two figures. */
async function growthPoint(big, token) {
  const { databaseUrl, topicPrefix, seconds, appendsEach } = big;
  const appender = await demarcheAppends(databaseUrl, topicPrefix, CONNECTIONS);
  const append = await countedLoop(CONNECTIONS, appendsEach, appender.append).finally(() => appender.close());
  const timeline = await httpReads(
    `${big.base}/v1/countries/${BIG_COUNTRY}/timeline?limit=20`,
    token,
    seconds,
  );
  return { append, timeline };
}

/** Runs the project's rebuild CLI as an operator would, sampling its RSS: events/s, seconds, peak RSS. */
function rebuildCli(big, projection, source) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [join(stack.ROOT, 'dist/apps/projector/src/rebuild/rebuild.cli.js'), projection, '--source', source],
      {
        cwd: stack.ROOT,
        env: { ...big.env, ...(big.ownBroker ? {} : kafkaSaslEnv('projector')) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    running.add(child);
    const sampler = rssSampler({ rebuild: child.pid }, 100);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      running.delete(child);
      const seconds = (performance.now() - started) / 1000;
      const peakRss = sampler.stop().rebuild;
      // "<projection>: N events applied (M caught up at the swap) in S s"
      const m = /: (\d+) events applied \((\d+) caught up at the swap\) in ([\d.]+) s/.exec(out);
      if (code !== 0 || !m)
        return reject(new Error(`rebuild ${projection} --source ${source}: ${out.slice(-800)}`));
      resolve({
        applied: Number(m[1]),
        caughtUp: Number(m[2]),
        reportedSeconds: Number(m[3]),
        seconds,
        peakRss,
      });
    });
  });
}

/** Baseline: a raw kafkajs consumer (a fresh group) reading the engagement topics from start to end: messages/s. */
async function rawConsume(big) {
  const { engagementTopics } = await api();
  const kafka = await stack.adminKafka(big.brokers, big.ownBroker);
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = engagementTopics(big.topicPrefix).filter((t) => existing.has(t));
  let total = 0;
  for (const topic of topics)
    for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high) - Number(p.low);
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${big.topicPrefix}-raw-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let seen = 0;
  let started;
  const done = new Promise((resolve) => {
    consumer.run({
      eachBatch: async ({ batch }) => {
        started ??= performance.now();
        seen += batch.messages.length;
        if (seen >= total) resolve();
      },
    });
  });
  const began = performance.now();
  await Promise.race([done, new Promise((r) => setTimeout(r, 600_000))]);
  const end = performance.now();
  await consumer.disconnect();
  // From the first batch (group join and assignment are not reading), and from the start for the record.
  return {
    messages: seen,
    perSecond: seen / ((end - (started ?? began)) / 1000),
    withJoin: seen / ((end - began) / 1000),
  };
}

/** Baseline: the timeline's rows as raw multi-row INSERTs (unnest, 1,000 a statement) into a bare copy: rows/s. */
async function rawTimelineInserts(databaseUrl, count) {
  return withClient(databaseUrl, async (c) => {
    await c.query('CREATE TABLE bench_timeline_baseline (LIKE country_timeline INCLUDING ALL)');
    try {
      const { rows } = await c.query('SELECT to_jsonb(t) AS j FROM country_timeline t LIMIT 1000');
      // Every column but generated ones (the search document), as the projector writes them.
      const columns = (
        await c.query(
          `SELECT format('%I', column_name) AS name FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = 'country_timeline' AND is_generated = 'NEVER'
           ORDER BY ordinal_position`,
        )
      ).rows
        .map((r) => r.name)
        .join(', ');
      const started = performance.now();
      let n = 0;
      for (let done = 0; done < count; done += 1_000) {
        const batch = [];
        for (let i = 0; i < Math.min(1_000, count - done); i += 1) {
          const r = rows[n++ % rows.length].j;
          batch.push(JSON.stringify({ ...r, event_id: randomUUID(), stream_id: `bench-${randomUUID()}` }));
        }
        await c.query(
          `INSERT INTO bench_timeline_baseline (${columns})
           SELECT ${columns} FROM unnest($1::jsonb[]) AS u(j),
             LATERAL jsonb_populate_record(NULL::bench_timeline_baseline, u.j) AS r`,
          [batch],
        );
      }
      return count / ((performance.now() - started) / 1000);
    } finally {
      await c.query('DROP TABLE IF EXISTS bench_timeline_baseline');
    }
  });
}

/** Bytes of every read-model table (with indexes and TOAST) at N events, per million events. */
const READ_MODELS = [
  'country_timeline',
  'country_activity',
  'registers',
  'contract_holdings',
  'vendors',
  'vendor_classifications',
  'projected_events',
  'projection_stream_versions',
];

/**
 * Bytes of the read-model tables (with indexes and TOAST) and of the store at N events, less what the same tables
 * took freshly migrated (`empty`, as scenario 7 measures it), so a small run is not dominated by empty indexes.
 */
async function readModelBytes(databaseUrl, empty = {}) {
  return withClient(databaseUrl, async (c) => {
    const size = async (tables) => {
      const { rows } = await c.query(
        'SELECT coalesce(sum(pg_total_relation_size(t)), 0)::float8 AS bytes FROM unnest($1::regclass[]) AS t',
        [tables],
      );
      return rows[0].bytes - tables.reduce((sum, t) => sum + (empty[t] ?? 0), 0);
    };
    const { rows } = await c.query('SELECT count(*)::float8 AS events FROM events');
    return {
      readModels: await size(READ_MODELS),
      readModelTables: READ_MODELS,
      store: await size(['events', 'streams']),
      events: rows[0].events,
    };
  });
}

/**
 * Vacuums and analyzes the corpus, as autovacuum would on a server where it is on (the CI machine's PostgreSQL
 * runs with autovacuum = off, and nothing in the project analyzes: without statistics the planner estimates one
 * row a table and sorts a whole country's timeline for a page). Always before measuring, so runs compare.
 */
const analyze = vacuum;

/** The cursor GET /v1/countries/{c}/timeline would answer after `offset` entries (as the API encodes it). */
async function cursorAt(databaseUrl, country, offset) {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT occurred_at, global_position::text AS position FROM country_timeline
       WHERE country = $1 AND known_until IS NULL AND NOT retracted
       ORDER BY occurred_at DESC, global_position DESC OFFSET $2 LIMIT 1`,
      [country, offset],
    );
    const r = rows[0];
    return (
      r && {
        occurredAt: r.occurred_at.toISOString(),
        position: r.position,
        cursor: Buffer.from(JSON.stringify([r.occurred_at.toISOString(), r.position])).toString('base64url'),
      }
    );
  });
}

export async function run(ctx, { rebuild, reads, growth, footprint }) {
  const { quick, seconds, rows, figures, log, brokers, ownBroker, logDir } = ctx;
  // Quick runs (CI) read each query for 1 s: six of them, each beside its SQL, would otherwise add half a minute.
  const readSeconds = quick ? Math.min(seconds, 1) : seconds;
  const events = ctx.events ?? (quick ? 5_000 : MILLION);
  const small = Math.min(events, quick ? 1_000 : 10_000);
  const serverUrl = ctx.databaseUrl;
  const databaseUrl = await stack.freshDatabase(serverUrl, `${new URL(serverUrl).pathname.slice(1)}_big`, {
    migrated: true,
  });
  const topicPrefix = `${ctx.topicPrefix}-big`;
  await stack.kafka(brokers);
  const kafka = await stack.adminKafka(brokers, ownBroker);
  stack.removeKafkaLeftovers(kafka, topicPrefix);
  log(`history: starting relay, projector and api on a database of their own…`);
  const apps = await stack.startApps({ databaseUrl, brokers, ownBroker, topicPrefix, logDir });
  const big = {
    ...apps,
    databaseUrl,
    topicPrefix,
    brokers,
    ownBroker,
    seconds,
    appendsEach: quick ? 50 : 200,
  };
  const token = await devToken({ sub: 'bench.lead', role: 'leadership', clearance: 'secret' });
  const autovacuum = await autovacuumSetting(databaseUrl);
  const out = { events, small, autovacuum, vacuumedBeforeMeasuring: true };
  figures.history = out;
  const before = rows.length;

  log('history: recording the demo scenario through the API as the template…');
  const template = await recordTemplate(databaseUrl, apps.base);
  out.mix = mixOf(template);
  out.eventsPerCampaign = template.eventsPerCampaign;
  const drainTimeout = Math.max(300_000, events * 5);
  // Emulate autovacuum while the projector applies the corpus when the server has it off (see corpus.mjs).
  const vacuumEveryMs = out.autovacuum === 'off' ? 30_000 : undefined;
  let next = 0;
  const generate = async (target) => {
    const have = await withClient(databaseUrl, (c) => c.query('SELECT count(*)::int AS n FROM events'));
    const missing = target - have.rows[0].n;
    if (missing <= 0) {
      const total = await drained(databaseUrl, { timeoutMs: drainTimeout, log, vacuumEveryMs });
      await analyze(databaseUrl);
      return { written: 0, total };
    }
    log(`history: writing ${fmtCount(missing)} events through the event store (to ${fmtCount(target)})…`);
    const started = performance.now();
    const r = await writeCampaigns({ databaseUrl, topicPrefix, template, from: next, events: missing });
    next = r.next;
    const wrote = (performance.now() - started) / 1000;
    log(`history: ${fmtCount(r.written)} written in ${wrote.toFixed(1)} s; relaying and projecting…`);
    const total = await drained(databaseUrl, { timeoutMs: drainTimeout, log, vacuumEveryMs });
    const all = (performance.now() - started) / 1000;
    await analyze(databaseUrl);
    log(`history: ${fmtCount(total)} events relayed and projected (${all.toFixed(1)} s)`);
    return { written: r.written, writeSeconds: wrote, projectedSeconds: all, total };
  };

  if (growth) {
    out.generateSmall = await generate(small);
    log(
      `growth: append p99 and timeline first page p99 at ${fmtCount(out.generateSmall.total ?? small)} events…`,
    );
    out.growthSmall = { events: out.generateSmall.total, ...(await growthPoint(big, token)) };
  }
  out.knownAtMid = new Date().toISOString();
  out.generate = await generate(events);
  out.total = out.generate.total;
  if (growth) {
    log(`growth: the same at ${fmtCount(out.total)} events…`);
    // What the small point appended is in the store too; drain it before measuring.
    await drained(databaseUrl, { timeoutMs: drainTimeout, log, vacuumEveryMs });
    out.growthBig = { events: out.total, ...(await growthPoint(big, token)) };
    const s = out.growthSmall;
    const b = out.growthBig;
    const scenario = `6 growth, ${fmtCount(s.events)} → ${fmtCount(b.events)} events`;
    rows.push(
      row(scenario, 'append p99, c=16 (at N)', 'ms', 'lower', b.append.p99, [
        [`at ${fmtCount(s.events)}`, s.append.p99],
      ]),
    );
    rows.push(
      row(scenario, 'timeline first page p99, c=16 (at N)', 'ms', 'lower', b.timeline.p99, [
        [`at ${fmtCount(s.events)}`, s.timeline.p99],
      ]),
    );
  }
  await drained(databaseUrl, { timeoutMs: drainTimeout, log, vacuumEveryMs });

  if (reads) {
    const sql = await api();
    const now = new Date();
    const asOf = new Date(now.getTime() - 365 * 86_400_000);
    const knownAt = new Date(out.knownAtMid);
    const half = await withClient(databaseUrl, (c) =>
      c.query(
        `SELECT count(*)::int AS n FROM country_timeline WHERE country = $1 AND known_until IS NULL AND NOT retracted`,
        [BIG_COUNTRY],
      ),
    );
    const deep = await cursorAt(databaseUrl, BIG_COUNTRY, Math.floor(half.rows[0].n / 2));
    const from = new Date(now.getTime() - 2 * 365 * 86_400_000);
    const to = new Date(from.getTime() + 182 * 86_400_000);
    const timelineParams = (f) => [
      BIG_COUNTRY,
      f.types ?? null,
      f.from ?? null,
      f.to ?? null,
      f.cursor?.occurredAt ?? null,
      f.cursor?.position ?? null,
      21,
      f.knownAt ?? null,
      f.asOf ?? null,
      false,
      null,
      null,
      null,
      sql.TIMELINE_ENTRY_CORRECTIONS,
      3,
      null,
    ];
    const timelineSql = (f) => (pool) => pool.query(sql.TIMELINE_PAGE, timelineParams(f));
    const dependencySql = (country, points, at) => async (pool) => {
      const { rows: h } = await pool.query(sql.HOLDINGS_AT, [country, points, null, at, 3, null]);
      await pool.query(sql.VENDOR_FLAGS, [[...new Set(h.map((r) => r.vendor_id))], at]);
    };
    const overviewSql = async (pool) => {
      const at = new Date();
      await Promise.all([
        pool.query(sql.COUNTRY_OVERVIEW, [
          ['EnvoyMeetingHeld', 'DialogueRoundConcluded'],
          'CountryResponseObserved',
          sql.utcDate(at),
          at,
          3,
          null,
        ]),
        dependencySql(null, [at, sql.monthsBefore(at, 12)], at)(pool),
      ]);
    };
    const base = `${apps.base}/v1/countries`;
    const qs = (o) => new URLSearchParams(o).toString();
    const cases = [
      ['timeline first page', `${base}/${BIG_COUNTRY}/timeline?limit=20`, timelineSql({}), 20],
      [
        `timeline page deep in the cursor (after ${fmtCount(Math.floor(half.rows[0].n / 2))})`,
        `${base}/${BIG_COUNTRY}/timeline?${qs({ limit: 20, cursor: deep?.cursor ?? '' })}`,
        timelineSql({ cursor: deep }),
        20,
      ],
      [
        'timeline type + date range',
        `${base}/${BIG_COUNTRY}/timeline?${qs({ limit: 20, type: 'EnvoyMeetingHeld', from: from.toISOString(), to: to.toISOString() })}`,
        timelineSql({ types: ['EnvoyMeetingHeld'], from, to }),
        20,
      ],
      [
        'timeline asOf + knownAt',
        `${base}/${BIG_COUNTRY}/timeline?${qs({ limit: 20, asOf: asOf.toISOString(), knownAt: knownAt.toISOString() })}`,
        timelineSql({ asOf, knownAt }),
        20,
      ],
      [
        'dependency as of a date',
        `${base}/${BIG_COUNTRY}/dependency?${qs({ asOf: asOf.toISOString() })}`,
        dependencySql(BIG_COUNTRY, [asOf], now),
        50,
      ],
      ['countries overview', `${base}`, overviewSql, 50],
    ];
    out.reads = {};
    for (const [name, url, operation, target] of cases) {
      log(`reads: ${name}…`);
      const http = await httpReads(url, token, readSeconds);
      const raw = await sqlReads(databaseUrl, readSeconds, operation);
      out.reads[name] = { url, http, sql: raw, targetP99: target };
      const scenario = `5 reads, ${name}, c=16`;
      rows.push(
        row(scenario, 'req/s', '/s', 'higher', http.perSecond, [['same SQL with pg', raw.perSecond]]),
      );
      rows.push(row(scenario, 'p50', 'ms', 'lower', http.p50, [['same SQL with pg', raw.p50]]));
      rows.push(
        row(scenario, 'p99', 'ms', 'lower', http.p99, [
          ['same SQL with pg', raw.p99],
          ['target', target],
        ]),
      );
      if (http.non2xx + http.errors > 0)
        rows.push(row(scenario, 'non-2xx + errors', '', 'lower', http.non2xx + http.errors));
    }
  }

  if (footprint) {
    const bytes = await readModelBytes(databaseUrl, ctx.empty);
    out.diskAtN = bytes;
    rows.push(
      row(
        '7 footprint, on disk per 1M events',
        `read models at N (${fmtCount(bytes.events)} events)`,
        'MiB',
        'lower',
        (bytes.readModels / bytes.events) * MILLION,
        [['event store (events + streams), same events', (bytes.store / bytes.events) * MILLION]],
      ),
    );
  }

  if (rebuild) {
    out.rebuild = {};
    const rss = {};
    for (const source of ['kafka', 'events']) {
      for (const projection of ['country-timeline', 'contract-holdings']) {
        log(`rebuild: ${projection} from ${source === 'kafka' ? 'the topic' : 'the event store'}…`);
        const r = await rebuildCli(big, projection, source);
        r.perSecond = r.applied / r.seconds;
        out.rebuild[`${projection} from ${source}`] = r;
        rss[`${projection} from ${source}`] = r.peakRss;
      }
    }
    log(
      'rebuild baselines: raw kafkajs consumer over the topic, raw multi-row INSERTs into a timeline-shaped table…',
    );
    const consumed = await rawConsume(big);
    const inserted = await rawTimelineInserts(databaseUrl, out.total);
    out.rebuild.baselines = { kafkajs: consumed, rawInsertPerSecond: inserted };
    for (const [name, r] of Object.entries(out.rebuild)) {
      if (name === 'baselines') continue;
      const scenario = `4 rebuild ${name} (${fmtCount(r.applied)} events)`;
      const slower = Math.min(consumed.perSecond, inserted);
      rows.push(
        row(scenario, 'events/s', '/s', 'higher', r.perSecond, [
          ['slower baseline', slower],
          ['raw kafkajs consumer, msg/s', consumed.perSecond],
          ['raw multi-row INSERT, rows/s', inserted],
        ]),
      );
      rows.push(row(scenario, 'total time', 's', 'lower', r.seconds));
    }
    if (footprint)
      for (const [name, peak] of Object.entries(rss))
        rows.push(row('7 footprint', `RSS peak of the rebuild, ${name}`, 'MiB', 'lower', peak));
  }
  // Scenario order in the table (growth is measured first, but reads better after 4 and 5).
  const mine = rows
    .splice(before)
    .sort((a, b) => Number.parseInt(a.scenario, 10) - Number.parseInt(b.scenario, 10));
  rows.push(...mine);
}
