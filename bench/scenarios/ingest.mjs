// Scenarios 2 (HTTP ingest), 3 (freshness) and the live half of 7 (footprint): the apps as deployed (api, relay,
// projector) on the bench's database and topic prefix, posting meetings with autocannon.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { devToken } from '../../scripts/lib/dev-key.mjs';
import { autovacuumSetting, vacuum } from '../lib/corpus.mjs';
import { closedLoop, pgbench, rssOf, rssSampler, sleep, summary } from '../lib/measure.mjs';
import { COUNTRY, MEETING_BODY } from '../lib/payload.mjs';
import * as stack from '../lib/stack.mjs';
import { row } from '../lib/table.mjs';
import { emmettAppends, pgbenchScript } from './append.mjs';
import { readModelsOnDisk } from './footprint.mjs';

const CONNECTIONS = 32;
/** Freshness is sampled on a country of its own, so its timeline stays short while the load goes to COUNTRY. */
const PROBE_COUNTRY = 'IQ';

/** Waits until the relay has published every outbox row and the projector has applied every event. */
async function drained(databaseUrl, timeoutMs = 120_000) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const { rows } = await client.query(`SELECT
        (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS pending,
        (SELECT count(*) FROM events)::int - (SELECT count(*) FROM projected_events)::int AS unprojected`);
      if (rows[0].pending === 0 && rows[0].unprojected <= 0) return;
      await sleep(200);
    }
    throw new Error(`relay and projector did not catch up within ${timeoutMs / 1000} s`);
  } finally {
    await client.end();
  }
}

async function truncateStore(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('TRUNCATE outbox, events, streams, idempotency_keys').finally(() => client.end());
}

function post(base, token, { connections, seconds, overallRate }) {
  const body = JSON.stringify(MEETING_BODY);
  return autocannon({
    url: `${base}/v1/countries/${COUNTRY}/meetings`,
    method: 'POST',
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    // A fresh Idempotency-Key for every request, so each is a new meeting.
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': randomUUID() },
        }),
      },
    ],
  });
}

function ingestFigures(result) {
  const created = result.statusCodeStats?.['201']?.count ?? result['2xx'];
  return {
    perSecond: created / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]),
    ),
  };
}

/** Concurrent freshness probes: more samples in a short run, each still one meeting at a time. */
const PROBES = 4;

/**
 * PROBES loops, each posting one meeting at a time on PROBE_COUNTRY and timing it from its 201 to its entry on
 * the first page of the timeline (polled back to back). Runs until `stop()` says so.
 */
async function freshnessProbe(base, token, stop) {
  const headers = { authorization: `Bearer ${token}` };
  const latencies = [];
  let failures = 0;
  const probe = async () => {
    while (!stop()) {
      const response = await fetch(`${base}/v1/countries/${PROBE_COUNTRY}/meetings`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(MEETING_BODY),
      });
      const created = performance.now();
      const answer = await response.json();
      if (response.status !== 201) {
        failures += 1;
        await sleep(50);
        continue;
      }
      for (;;) {
        const page = await fetch(`${base}/v1/countries/${PROBE_COUNTRY}/timeline?limit=${4 * PROBES}`, {
          headers,
        }).then((r) => r.json());
        if (page.entries?.some((entry) => entry.eventId === answer.eventId)) break;
        if (performance.now() - created > 30_000)
          throw new Error('a meeting was not on its timeline after 30 s');
      }
      latencies.push(performance.now() - created);
      await sleep(20);
    }
  };
  await Promise.all(Array.from({ length: PROBES }, probe));
  return { ...summary(latencies, latencies.length, 1), failures };
}

/**
 * Raw kafkajs on the same broker: an idempotent acks=all produce of one message at a time, timed to its
 * consumption by a consumer group (a topic of the run, as the admin user). `measure(stop)` runs until stop().
 */
async function kafkaProbe({ brokers, ownBroker, topicPrefix }) {
  const kafka = await stack.adminKafka(brokers, ownBroker);
  const topic = `${topicPrefix}.bench-latency`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `${topicPrefix}-latency`, maxWaitTimeInMs: 500 });
  await Promise.all([producer.connect(), consumer.connect()]);
  const waiting = new Map();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => waiting.get(message.value.toString())?.(performance.now()),
  });
  const once = async () => {
    const id = randomUUID();
    const received = new Promise((resolve) => waiting.set(id, resolve));
    const sent = performance.now();
    await producer.send({ topic, acks: -1, messages: [{ key: COUNTRY, value: id }] });
    const at = await Promise.race([received, sleep(10_000).then(() => undefined)]);
    waiting.delete(id);
    return at === undefined ? undefined : at - sent;
  };
  // Until the group has its partition, messages are not seen: warm up until one comes back.
  for (let i = 0; i < 60 && (await once()) === undefined; i += 1);
  return {
    async measure(stop) {
      const latencies = [];
      while (!stop()) {
        const latency = await once();
        if (latency !== undefined) latencies.push(latency);
        await sleep(20);
      }
      return summary(latencies, latencies.length, 1);
    },
    async close() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

/** Runs `probe(stop)` while autocannon posts at `rate`; answers [the load's result, the probe's]. */
async function withLoad(base, token, { seconds, rate }, probe) {
  let done = false;
  return Promise.all([
    Promise.resolve(post(base, token, { connections: CONNECTIONS, seconds, overallRate: rate })).finally(
      () => {
        done = true;
      },
    ),
    probe(() => done),
  ]);
}

export async function run(ctx, { freshness, footprint, importing }) {
  const { databaseUrl, emmettUrl, topicPrefix, brokers, ownBroker, logDir, seconds, rows, figures, log } =
    ctx;
  // Scenario 1's events would otherwise all be relayed and projected while this scenario measures.
  await truncateStore(databaseUrl);
  await stack.kafka(brokers);
  const kafka = await stack.adminKafka(brokers, ownBroker);
  await stack.sweepLeftovers({ kafka });
  stack.removeKafkaLeftovers(kafka, topicPrefix);
  log('starting relay, projector and api…');
  const apps = await stack.startApps({ databaseUrl, brokers, ownBroker, topicPrefix, logDir });
  const brokerPid = stack.listenerPid(Number(brokers.split(',')[0].split(':')[1] ?? 9092));
  const pids = { ...apps.pids, ...(brokerPid ? { broker: brokerPid } : {}) };
  const token = await devToken({
    sub: 'bench.officer',
    role: 'desk_officer',
    countries: [COUNTRY, PROBE_COUNTRY],
    clearance: 'confidential',
  });

  // Warm up (JIT, pools, the relay's producer, the projector's group), then let everything settle.
  await post(apps.base, token, { connections: 8, seconds: 1 });
  await drained(databaseUrl);
  await sleep(1000);
  const atRest = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssOf(pid)]));

  // Scenario 2: the peak, and RSS under it.
  log(`HTTP ingest: POST meetings at ${CONNECTIONS} connections…`);
  const sampler = rssSampler(pids);
  const ours = ingestFigures(await post(apps.base, token, { connections: CONNECTIONS, seconds }));
  const underLoad = sampler.stop();
  const peak = ours.perSecond;
  await drained(databaseUrl);
  log(`HTTP ingest baselines: Emmett-PG append and pgbench at ${CONNECTIONS}…`);
  const emmett = await emmettAppends(emmettUrl, CONNECTIONS);
  const theirs = await closedLoop({ clients: CONNECTIONS, seconds, operation: emmett.append }).finally(() =>
    emmett.close(),
  );
  const ceiling = await pgbench({ databaseUrl, sql: pgbenchScript(), clients: CONNECTIONS, seconds });
  figures.ingest = { demarche: ours, emmett: theirs, pgbench: ceiling };
  const baselines = (key) => [
    ['Emmett-PG bare append', theirs[key]],
    ['pgbench one-row INSERT', ceiling[key]],
  ];
  const scenario = `2 HTTP ingest, c=${CONNECTIONS}`;
  rows.push(row(scenario, '201/s', '/s', 'higher', ours.perSecond, baselines('perSecond')));
  rows.push(row(scenario, 'p50', 'ms', 'lower', ours.p50, baselines('p50')));
  rows.push(row(scenario, 'p99', 'ms', 'lower', ours.p99, baselines('p99')));
  rows.push(
    row(scenario, 'non-2xx + errors', '', 'lower', ours.non2xx + ours.errors, [
      ['Emmett-PG bare append', theirs.errors],
    ]),
  );

  if (freshness) {
    // The peak left thousands of rows in tables that were empty: on a server with autovacuum on, it would have
    // analyzed them (and cleared the counters' dead row versions) by now. This machine's has it off, and without
    // statistics the probe's own timeline read takes a country's rows through a sort (40 ms a page instead of 4 at
    // 3,000 rows), which the freshness figure would count. So the bench does what autovacuum would, once, first
    // (see corpus.mjs).
    const autovacuum = await autovacuumSetting(databaseUrl);
    if (autovacuum === 'off') await vacuum(databaseUrl);
    const rate = Math.max(10, Math.round(peak / 2));
    log(`freshness: POST at ${rate}/s (half the peak) and time 201 → timeline…`);
    const [load, probe] = await withLoad(apps.base, token, { seconds, rate }, (stop) =>
      freshnessProbe(apps.base, token, stop),
    );
    await drained(databaseUrl);
    log('freshness baselines: kafkajs produce → consume under the same load, then at rest…');
    const kafka = await kafkaProbe({ brokers, ownBroker, topicPrefix });
    let loaded;
    let rest;
    try {
      [, loaded] = await withLoad(apps.base, token, { seconds, rate }, kafka.measure);
      await drained(databaseUrl);
      const until = Date.now() + seconds * 1000;
      rest = await kafka.measure(() => Date.now() >= until);
    } finally {
      await kafka.close();
    }
    figures.freshness = {
      rate,
      autovacuum,
      vacuumedBefore: autovacuum === 'off',
      load: ingestFigures(load),
      demarche: probe,
      kafkajs: { underLoad: loaded, atRest: rest },
    };
    const scenario = `3 freshness at ${rate}/s (${probe.ops} samples; kafkajs ${loaded.ops}, ${rest.ops})`;
    rows.push(
      row(scenario, 'load: 201/s reached', '/s', 'higher', figures.freshness.load.perSecond, [
        ['rate asked (half the peak)', rate],
      ]),
    );
    for (const key of ['p50', 'p99', 'max'])
      rows.push(
        row(scenario, `201 → timeline ${key}`, 'ms', 'lower', probe[key], [
          ['kafkajs produce → consume, same load', loaded[key]],
          ['kafkajs produce → consume, at rest', rest[key]],
        ]),
      );
  }

  if (footprint) {
    figures.rss = { atRest, underLoad };
    for (const [name, rest] of Object.entries(atRest)) {
      rows.push(row('7 footprint', `RSS ${name} at rest`, 'MiB', 'lower', rest, []));
      if (underLoad[name] !== undefined)
        rows.push(
          row('7 footprint', `RSS ${name} under ingest`, 'MiB', 'lower', underLoad[name], [
            [`${name} at rest`, rest],
          ]),
        );
    }
    await drained(databaseUrl);
    await readModelsOnDisk(ctx);
  }

  if (importing) {
    const bulk = await import('./import.mjs');
    await bulk.run(ctx, apps, token);
  }
}
