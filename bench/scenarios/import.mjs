// Scenario 8 (bulk import): historic meetings through POST /v1/imports (NDJSON, streamed from a file) on the apps
// scenario 2 started, beside the same rows written as raw multi-row INSERTs into an events-shaped table.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { COUNTRY, MEETING_BODY, meetingEvent } from '../lib/payload.mjs';
import { row } from '../lib/table.mjs';

/** A file of `count` meeting records, one a line, ten minutes apart (100,000 span two years, all in the past) (NDJSON as `npm run import` sends it). */
async function writeFile(path, count) {
  const out = createWriteStream(path);
  const start = Date.UTC(2016, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const occurredAt = new Date(start + i * 600_000).toISOString();
    const line = `${JSON.stringify({ command: 'record-envoy-meeting', country: COUNTRY, ...MEETING_BODY, occurredAt })}\n`;
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

/** The baseline: the same rows as multi-row INSERTs (1,000 a statement) into a bare events-shaped table. */
async function rawInserts(databaseUrl, count) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS bench_import_baseline (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id uuid NOT NULL UNIQUE,
      stream_id text NOT NULL, event_type text NOT NULL, country char(2) NOT NULL, occurred_at timestamptz NOT NULL,
      data jsonb NOT NULL)`);
    await client.query('TRUNCATE bench_import_baseline');
    const started = performance.now();
    for (let done = 0; done < count; done += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, count - done) }, () => meetingEvent());
      await client.query(
        `INSERT INTO bench_import_baseline (event_id, stream_id, event_type, country, occurred_at, data)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])`,
        [
          batch.map((e) => e.eventId),
          batch.map((e) => `engagement-${e.data.meetingId}`),
          batch.map((e) => e.type),
          batch.map((e) => e.country),
          batch.map((e) => e.occurredAt),
          batch.map((e) => JSON.stringify(e.data)),
        ],
      );
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_import_baseline').catch(() => undefined);
    await client.end();
  }
}

export async function run(ctx, apps, token) {
  const { databaseUrl, quick, rows, figures, log } = ctx;
  const count = ctx.importRecords ?? (quick ? 2_000 : 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'demarche-bench-import-'));
  const file = join(dir, 'historic.ndjson');
  try {
    await writeFile(file, count);
    log(`bulk import: ${count.toLocaleString('en-US')} historic meetings through POST /v1/imports…`);
    const started = performance.now();
    const response = await fetch(`${apps.base}/v1/imports?key=bench-${randomUUID()}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-ndjson',
        'content-length': String(statSync(file).size),
      },
      body: createReadStream(file),
      duplex: 'half',
    });
    const report = await response.json();
    const seconds = (performance.now() - started) / 1000;
    if (response.status !== 201 || report.recorded !== count)
      throw new Error(`the import answered ${response.status}: ${JSON.stringify(report).slice(0, 500)}`);
    const ours = count / seconds;
    log('bulk import baseline: the same rows as raw multi-row INSERTs…');
    const theirs = await rawInserts(databaseUrl, count);
    figures.import = { records: count, seconds, perSecond: ours, rawInsertPerSecond: theirs };
    rows.push(
      row(`8 bulk import, ${count.toLocaleString('en-US')} records`, 'records/s', '/s', 'higher', ours, [
        ['raw multi-row INSERT (1,000 a statement)', theirs],
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
