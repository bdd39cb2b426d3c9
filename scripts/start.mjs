// npm start: everything a fresh clone needs, then the apps (relay, projector, api, alerts); Ctrl-C stops all of it.
import { bootstrap, ROOT } from './lib/bootstrap.mjs';

await bootstrap(import.meta.url);

const { spawn, spawnSync } = await import('node:child_process');
const { ensureDatabase, ensureKafka, log, portOpen } = await import('./lib/services.mjs');
const { readFileSync } = await import('node:fs');
const { DEV_KEY_FILE, ensureDevKey } = await import('./lib/dev-key.mjs');
const { kafkaSaslEnv } = await import('./kafka/credentials.mjs');

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/demarche',
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  PORT: process.env.PORT ?? '3000',
  HOST: process.env.HOST ?? '127.0.0.1',
  ALERTS_PORT: process.env.ALERTS_PORT ?? '3100',
  NODE_OPTIONS: '--disable-warning=TimeoutNegativeWarning',
};

const children = [];
let stopKafka;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  stopKafka?.();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  log('building…');
  const build = spawnSync(`${ROOT}/node_modules/.bin/tsc`, ['-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('build failed');
  const web = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (web.status !== 0) throw new Error('building the web app failed');
  // Without an identity provider configured, tokens are signed by a development key made on first run.
  if (!env.AUTH_JWKS_URL && !env.AUTH_PUBLIC_KEY) {
    env.AUTH_PUBLIC_KEY = JSON.stringify(await ensureDevKey());
    // …and the web app's sign-in page has the API mint demo tokens with it (POST /auth/demo-token).
    env.AUTH_DEV_SIGNING_KEY = JSON.stringify(JSON.parse(readFileSync(DEV_KEY_FILE, 'utf8')).private);
    log('signing tokens with the development key in .demarche/ (npm run token -- --help)');
  }
  await ensureDatabase(env.DATABASE_URL);
  log('database migrated');
  stopKafka = await ensureKafka(env.KAFKA_BROKERS);
  if (await portOpen(env.HOST, Number(env.PORT)))
    throw new Error(`port ${env.PORT} is taken; set PORT to another`);
  if (await portOpen(env.HOST, Number(env.ALERTS_PORT)))
    throw new Error(`port ${env.ALERTS_PORT} is taken; set ALERTS_PORT to another`);

  for (const app of ['relay', 'projector', 'api', 'alerts']) {
    const child = spawn(process.execPath, [`${ROOT}/dist/apps/${app}/src/main.js`], {
      cwd: ROOT,
      // Each app signs in to the local broker as its own principal (scripts/kafka/users.conf), whose ACLs allow
      // what it does and no more; a broker of one's own (KAFKA_BROKERS set) takes KAFKA_SASL_* as given.
      env: process.env.KAFKA_BROKERS ? env : { ...env, ...kafkaSaslEnv(app) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${app} exited (${signal ?? code}); stopping everything`);
        void shutdown(1);
      }
    });
    children.push(child);
  }

  const base = `http://${env.HOST}:${env.PORT}`;
  for (let i = 0; i < 120; i += 1) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  log('demarche is up:');
  log(`  web app    ${base}/   (sign in as a demo identity)`);
  log(`  API        ${base}/v1/countries/{country}/meetings   (POST)`);
  log(`  timeline   ${base}/v1/countries/{country}/timeline   (GET)`);
  log(`  health     ${base}/health/ready`);
  log(
    `  alerts     http://${env.HOST}:${env.ALERTS_PORT}/v1/alerts   (GET; a token with --scope alerts:read)`,
  );
  log('  a token    npm run token -- --sub alice --role desk_officer --countries SY --clearance secret');
  log(`  Kafka      ${env.KAFKA_BROKERS}    Postgres  ${env.DATABASE_URL}`);
  log('Ctrl-C stops everything.');
} catch (error) {
  console.error(`[demarche] ${error.message ?? error}`);
  await shutdown(1);
}
