// npm run bench [-- --quick] [--only 1,2,3,4,5,6,7,8] [--seconds N] [--events N] [--no-build] [--keep-logs]
// Runs the benchmark's scenarios against the local stack (started if not up) on a database, topic prefix and API
// port of its own, prints a table where every figure stands beside baselines measured in the same run, and writes
// the figures as JSON to bench/results/. See bench/README.md.
import { bootstrap } from '../scripts/lib/bootstrap.mjs';

await bootstrap(import.meta.url);

const { mkdirSync, rmSync, writeFileSync } = await import('node:fs');
const { join } = await import('node:path');
const os = await import('node:os');
const stack = await import('./lib/stack.mjs');
const { table } = await import('./lib/table.mjs');

// kafkajs on Node 24 warns about negative timeouts (its issue #1751), harmlessly; keep other warnings.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') console.warn(warning);
});

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const quick = args.includes('--quick');
const seconds = Number(option('seconds') ?? (quick ? 2 : 10));
const only = new Set((option('only') ?? '1,2,3,4,5,6,7,8').split(',').map((s) => s.trim()));

const runId = stack.newRunId();
const startedAt = new Date();
const resultsDir = join(stack.ROOT, 'bench', 'results');
const logDir = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-logs`);
mkdirSync(logDir, { recursive: true });

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const ownBroker = Boolean(process.env.KAFKA_BROKERS);
// The broker's ACLs let the services use topics and groups starting with `test-` (scripts/kafka/acls.mjs).
const topicPrefix = `test-bench-${runId}`;
const log = (message) => console.log(`[bench] ${message}`);

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up…`);
    await stack.cleanup();
    process.exit(130);
  });
}

const rows = [];
const figures = {};
try {
  if (!args.includes('--no-build')) {
    log('building…');
    stack.build();
  }
  await stack.ensurePostgres(serverUrl);
  await stack.sweepLeftovers({ serverUrl });
  const databaseUrl = await stack.freshDatabase(serverUrl, `demarche_bench_${runId}`, { migrated: true });
  const emmettUrl = await stack.freshDatabase(serverUrl, `demarche_bench_${runId}_emmett`);
  const { emptySizes } = await import('./scenarios/footprint.mjs');
  const empty = await emptySizes(databaseUrl);
  const ctx = {
    empty,
    databaseUrl,
    emmettUrl,
    topicPrefix,
    brokers,
    ownBroker,
    logDir,
    seconds,
    quick,
    rows,
    figures,
    log,
    events: option('events') === undefined ? undefined : Number(option('events')),
  };

  const append = await import('./scenarios/append.mjs');
  await append.prepareBaselines(databaseUrl);
  if (only.has('1')) await append.run(ctx);
  if (only.has('7')) {
    const footprint = await import('./scenarios/footprint.mjs');
    await footprint.eventStoreOnDisk(ctx);
  }
  // 3 runs at half of 2's peak, 7 samples RSS under 2's load and 8 imports into the apps 2 started: each runs 2.
  if (['2', '3', '7', '8'].some((s) => only.has(s))) {
    const ingest = await import('./scenarios/ingest.mjs');
    await ingest.run(ctx, { freshness: only.has('3'), footprint: only.has('7'), importing: only.has('8') });
  }
  // 4, 5, 6 and the rest of 7 run on a corpus of N events of every type, in a database of their own.
  if (['4', '5', '6'].some((s) => only.has(s))) {
    const history = await import('./scenarios/history.mjs');
    await history.run(ctx, {
      rebuild: only.has('4'),
      reads: only.has('5'),
      growth: only.has('6'),
      footprint: only.has('4') || only.has('7'),
    });
  }

  const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const text = table(rows);
  console.log(
    `\n${quick ? 'quick run' : 'run'} ${startedAt.toISOString()}, ${seconds} s a measurement, ${machine}\n`,
  );
  console.log(text);
  const file = join(
    resultsDir,
    `${startedAt.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`,
  );
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt, quick, seconds, machine, topicPrefix, rows, figures }, null, 2)}\n`,
  );
  log(`figures written to ${file}`);
  // The apps' logs are kept only when something failed (or with --keep-logs).
  if (!args.includes('--keep-logs')) rmSync(logDir, { recursive: true, force: true });
} catch (error) {
  console.error(`[bench] failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  if (!interrupted) {
    await stack.cleanup();
    // Pools, kafkajs clients and timers of the scenarios are closed; whatever a library left must not hold us.
    process.exit(process.exitCode ?? 0);
  }
}
