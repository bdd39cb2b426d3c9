// npm test: every check CI runs, in the order a newcomer can act on, then the whole jest suite against a real
// Postgres and a real Kafka broker (started here if none is running, and stopped again afterwards).
import { bootstrap, ROOT } from './lib/bootstrap.mjs';

await bootstrap(import.meta.url);

const { spawnSync } = await import('node:child_process');
const { existsSync, mkdtempSync, readFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { ensureKafka, ensurePostgres, log } = await import('./lib/services.mjs');

function step(name, command, args) {
  log(name);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`${name} failed`);
    process.exit(result.status ?? 1);
  }
  log(`${name} ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const node = process.execPath;
const bin = (name) => `${ROOT}/node_modules/.bin/${name}`;
// The web app's API types are emitted from the server's DTOs and read models (apps/api/src/web-api.ts); the
// tests import the web app's pure modules, which read them, so they come first…
step('API types for the web app (from the server)', bin('tsc'), ['-p', 'tsconfig.web-api.json']);
step('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
// The web app runs in a browser: its own compiler options (DOM, JSX), so a type check of its own.
step('type check (web app)', bin('tsc'), ['-p', 'apps/web/tsconfig.json']);
step('lint and format (biome)', bin('biome'), ['check', '--error-on-warnings', '.']);
step('layer rules (dependency-cruiser)', 'npm', ['run', '--silent', 'lint:layers']);
step('build', bin('tsc'), ['-p', 'tsconfig.build.json']);
// The browser tests (tests/web) load the built app from the API, as a newcomer's browser does.
step('build the web app (vite)', 'npm', ['run', '--silent', 'build:web']);

await ensurePostgres(process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const stopKafka = await ensureKafka(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
let status = 1;
try {
  // scripts/jest.mjs runs unit and integration in parallel, then the browser and fault tests one file at a time.
  log('tests (jest: unit and integration, then web and faults)');
  const report = join(mkdtempSync(join(tmpdir(), 'demarche-jest-')), 'report.json');
  const args = [`${ROOT}/scripts/jest.mjs`, '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
  // Tests run far from UTC unless told otherwise, so that a date read in the server's time zone shows up.
  const env = { ...process.env, TZ: process.env.TZ || 'Pacific/Kiritimati' };
  log(`time zone for the tests: ${env.TZ}`);
  const result = spawnSync(node, args, { cwd: ROOT, stdio: 'inherit', env });
  status = result.status ?? 1;
  if (existsSync(report)) {
    const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
    console.log(`${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
  }
  // The benchmark in quick mode (a few seconds a measurement), so it cannot rot; it asserts nothing about speed.
  // Only on a whole run: `npm test -- <jest arguments>` runs the tests asked for and nothing else.
  if (status === 0 && process.argv.length === 2) {
    log('benchmark, quick (npm run bench -- --quick; figures are not checked)');
    const bench = spawnSync(node, [`${ROOT}/bench/run.mjs`, '--quick', '--no-build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    status = bench.status ?? 1;
    if (status !== 0) log('benchmark failed to run');
  }
} finally {
  stopKafka?.();
}
process.exit(status);
