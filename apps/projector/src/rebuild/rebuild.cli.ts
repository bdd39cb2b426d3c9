import cliProgress from 'cli-progress';
import { loadConfig } from '#config';
import { createPool } from '#event-store';
import { createKafka, engagementTopics } from '#messaging';
import { READ_MODEL_PROJECTIONS } from '../projections/read-model-projections.js';
import { PROJECTION_TABLES, REBUILD_BUCKETS, RebuildError, rebuildProjection } from './rebuild.js';

const USAGE = `usage: npm run projections:rebuild -- <${Object.keys(PROJECTION_TABLES).join('|')}|all> [--country XX] [--source events|kafka] [--allow-undecodable]`;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const [target] = process.argv.slice(2);
const country = option('country')?.toUpperCase();
const source = option('source') ?? 'events';
const allowUndecodable = process.argv.includes('--allow-undecodable');
if (
  !target ||
  target.startsWith('--') ||
  !['events', 'kafka'].includes(source) ||
  (country && !/^[A-Z]{2}$/.test(country))
) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

const config = loadConfig();
// A connection for each bucket a page is applied in, and one that reads the next page.
const pool = createPool(config.databaseUrl, REBUILD_BUCKETS + 1);
const kafka = createKafka(config.kafka, `${config.kafka.clientId}-rebuild`);
const names =
  target === 'all' ? Object.keys(PROJECTION_TABLES).filter((n) => !(country && n === 'vendors')) : [target];
const bar = new cliProgress.SingleBar(
  {
    format: '{projection} [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | ETA {eta_formatted}',
  },
  cliProgress.Presets.shades_classic,
);
try {
  for (const projection of names) {
    const started = Date.now();
    bar.start(1, 0, { projection, rate: 0 });
    const result = await rebuildProjection(pool, READ_MODEL_PROJECTIONS, {
      projection,
      country,
      allowUndecodable,
      source:
        source === 'kafka'
          ? { kind: 'kafka', kafka, topics: engagementTopics(config.kafka.topicPrefix) }
          : { kind: 'events' },
      onProgress: (done, total) => {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
    });
    bar.stop();
    process.stdout.write(
      `${result.projection}${result.country ? ` (${result.country})` : ''}: ${result.applied} events applied ` +
        `(${result.caughtUpAtSwap} caught up at the swap) in ${result.seconds.toFixed(1)} s` +
        (result.undecodable > 0 ? `; ${result.undecodable} undecodable record(s) left out` : '') +
        '\n',
    );
  }
} catch (error) {
  bar.stop();
  process.stderr.write(`${error instanceof RebuildError ? error.message : (error as Error).stack}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
