// npm run dlq / npm run projections:rebuild: builds, then runs the operations CLI against the local stack. Like
// npm start, it signs in to the local development broker as the projector (whose ACLs cover dead letters, replays
// and rebuild readers) unless KAFKA_BROKERS names a broker of one's own, whose KAFKA_SASL_* are taken as given.
import { bootstrap, ROOT } from './lib/bootstrap.mjs';

await bootstrap(import.meta.url);

const { spawnSync } = await import('node:child_process');
const { kafkaSaslEnv } = await import('./kafka/credentials.mjs');

const CLIS = {
  'dead-letters': 'dist/apps/projector/src/dead-letters.cli.js',
  rebuild: 'dist/apps/projector/src/rebuild/rebuild.cli.js',
};
const [name, ...args] = process.argv.slice(2);
const cli = CLIS[name];
if (!cli) {
  console.error(`scripts/ops.mjs: one of ${Object.keys(CLIS).join(', ')}`);
  process.exit(2);
}
const build = spawnSync(`${ROOT}/node_modules/.bin/tsc`, ['-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
const env = {
  ...process.env,
  NODE_OPTIONS: '--disable-warning=TimeoutNegativeWarning',
  ...(process.env.KAFKA_BROKERS || process.env.KAFKA_SASL_USERNAME ? {} : kafkaSaslEnv('projector')),
};
const run = spawnSync(process.execPath, [`${ROOT}/${cli}`, ...args], { cwd: ROOT, stdio: 'inherit', env });
process.exit(run.status ?? 1);
