// What the bench runs against: the local Postgres and broker (started if not up), its own databases, its own
// topic prefix and API port, the apps built from this checkout. Everything it makes is undone by cleanup().
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { kafkaSaslEnv, kafkaUsers } from '../../scripts/kafka/credentials.mjs';
import { ROOT } from '../../scripts/lib/bootstrap.mjs';
import { ensureDevKey } from '../../scripts/lib/dev-key.mjs';
import { migrate } from '../../scripts/lib/migrate.mjs';
import { ensureKafka, ensurePostgres } from '../../scripts/lib/services.mjs';

export { ensurePostgres };

import { running, sleep } from './measure.mjs';

export { ROOT };

const undo = [];
/** Registers something to undo at the end (last registered, first undone). */
export function onCleanup(step) {
  undo.push(step);
}
let cleaning;
export function cleanup() {
  cleaning ??= (async () => {
    for (const child of running) child.kill('SIGTERM');
    while (undo.length > 0) {
      const step = undo.pop();
      await step().catch((error) => console.warn(`[bench] cleanup: ${error.message ?? error}`));
    }
  })();
  return cleaning;
}

export function build() {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build failed');
}

function adminUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

async function onAdmin(databaseUrl, sql) {
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database (dropped first if a previous run left it), dropped again at cleanup. */
export async function freshDatabase(serverUrl, name, { migrated = false } = {}) {
  await ensurePostgres(serverUrl);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await onAdmin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onAdmin(serverUrl, `CREATE DATABASE "${name}"`);
  onCleanup(() => onAdmin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  if (migrated) await migrate(databaseUrl);
  return databaseUrl;
}

/** A run's id: its start time in base 36 (8 digits until the year 2059), then 4 random ones. */
export function newRunId() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`;
}

/** When a run whose name holds `runId` after `prefix` started (ms), or undefined for another name. */
function runStarted(name, prefix) {
  const id = name.startsWith(prefix) ? name.slice(prefix.length, prefix.length + 8) : '';
  return /^[0-9a-z]{8}$/.test(id) ? Number.parseInt(id, 36) : undefined;
}

/**
 * Drops what a run killed outright (SIGKILL, a power cut) left behind: databases and topics of runs started more
 * than `hours` ago. A run never lasts that long, so nothing of a run still going is touched.
 */
export async function sweepLeftovers({ serverUrl, kafka, hours = 6 }) {
  const old = (name, prefix) => {
    const started = runStarted(name, prefix);
    return started !== undefined && started < Date.now() - hours * 3_600_000;
  };
  if (serverUrl) {
    const { rows } = await onAdmin(
      serverUrl,
      `SELECT datname FROM pg_database WHERE datname LIKE 'demarche\\_bench\\_%'`,
    );
    for (const { datname } of rows.filter((r) => old(r.datname, 'demarche_bench_')))
      await onAdmin(serverUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  if (!kafka) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => old(t, 'test-bench-'));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** Starts the broker if it is not up (and stops it at cleanup only then). */
export async function kafka(brokers) {
  const stop = await ensureKafka(brokers);
  if (stop) onCleanup(async () => stop());
}

/** A kafkajs client signed in as the broker's admin user (or PLAINTEXT for a broker of one's own). */
export async function adminKafka(brokers, own) {
  const { default: kafkajs } = await import('kafkajs');
  const { username, password } = kafkaUsers().admin;
  return new kafkajs.Kafka({
    clientId: 'demarche-bench',
    brokers: brokers.split(','),
    ...(own ? {} : { sasl: { mechanism: 'scram-sha-512', username, password } }),
    logLevel: kafkajs.logLevel.NOTHING,
  });
}

/** Deletes the run's topics and consumer groups at cleanup. */
export function removeKafkaLeftovers(kafka, topicPrefix) {
  onCleanup(async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      const { groups } = await admin.listGroups();
      const mine = groups.map((g) => g.groupId).filter((g) => g.startsWith(topicPrefix));
      if (mine.length > 0) await admin.deleteGroups(mine).catch(() => undefined);
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let stopping = false;

/**
 * Starts relay, projector and api from dist/ on the bench's database, topic prefix and port; their output goes
 * to `logDir`. Answers { base, pids, env } once the API is ready.
 */
export async function startApps({
  databaseUrl,
  brokers,
  ownBroker,
  topicPrefix,
  logDir,
  apps = ['relay', 'projector', 'api'],
}) {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    PROJECTOR_GROUP_ID: `${topicPrefix}-projector`,
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_PUBLIC_KEY: JSON.stringify(await ensureDevKey()),
    // The bench is one caller from one address; the per-minute limits are for people.
    RATE_LIMIT_PER_SUBJECT: '10000000',
    RATE_LIMIT_PER_IP: '10000000',
    SCHEDULER_INTERVAL_MS: '0',
    // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of each app there when it stops (node --cpu-prof).
    NODE_OPTIONS: [
      '--disable-warning=TimeoutNegativeWarning',
      ...(process.env.BENCH_CPU_PROF_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
        : []),
    ].join(' '),
  };
  const pids = {};
  for (const app of apps) {
    const log = createWriteStream(join(logDir, `${app}.log`));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
      cwd: ROOT,
      env: ownBroker ? env : { ...env, ...kafkaSaslEnv(app) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      if (!stopping)
        console.warn(`[bench] ${app} exited (${signal ?? code}); see ${join(logDir, `${app}.log`)}`);
    });
    pids[app] = child.pid;
    onCleanup(
      () =>
        new Promise((resolve) => {
          stopping = true;
          if (exited) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    );
  }
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i += 1) {
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, pids, env };
    await sleep(250);
  }
  throw new Error(`the API did not get ready at ${base}; see ${logDir}`);
}

/** The pid of the process listening on a TCP port (the broker), from `ss`. */
export function listenerPid(port) {
  const out = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' }).stdout ?? '';
  const pid = /pid=(\d+)/.exec(out)?.[1];
  return pid === undefined ? undefined : Number(pid);
}
