// npm run import -- <file.ndjson|file.csv> [--command award-contract] [--key <file key>] [--key-column ref]
//                   [--token <bearer>] [--api http://127.0.0.1:3000]
// Streams a file of historic records to POST /v1/imports of a running demarche, shows a progress bar (lines, rate,
// ETA) while the API records it, and prints the report: each refused line with its field and message. Running the
// same file again (by its key: the file's name unless --key says otherwise) records nothing twice, so fix the
// refused lines in place and run it again. The token (DEMARCHE_TOKEN or --token) is a desk officer's for the
// countries of the file; exit code 1 when a line was refused, 2 when the run failed.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    command: { type: 'string' },
    key: { type: 'string' },
    'key-column': { type: 'string' },
    token: { type: 'string' },
    api: { type: 'string' },
  },
});

function usage(message) {
  console.error(`npm run import: ${message}`);
  console.error(
    'usage: npm run import -- <file.ndjson|file.csv> [--command <command>] [--key <file key>] [--key-column <column>] [--token <bearer>] [--api <url>]',
  );
  process.exit(2);
}

const [file] = positionals;
if (!file) usage('name the file to import');
const csv = extname(file).toLowerCase() === '.csv';
if (csv && !values.command)
  usage('a CSV file holds one command: name it with --command (e.g. award-contract)');
const token = values.token ?? process.env.DEMARCHE_TOKEN;
if (!token) usage('a bearer token is needed: DEMARCHE_TOKEN or --token (npm run token -- --help)');
const api = (values.api ?? process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(
  /\/+$/,
  '',
);
const size = (await stat(file).catch(() => usage(`no file ${file}`))).size;

/** Lines with something on them (what the API counts), read once before sending. */
async function countLines() {
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  }))
    if (line.trim() !== '') n += 1;
  return csv ? Math.max(0, n - 1) : n;
}
const total = await countLines();

const runId = randomUUID();
const query = new URLSearchParams({ key: values.key ?? basename(file), runId });
if (values.command) query.set('command', values.command);
if (values['key-column']) query.set('keyColumn', values['key-column']);
const headers = { authorization: `Bearer ${token}` };

const bar = new cliProgress.SingleBar(
  {
    format:
      ' {bar} {percentage}% | {value}/{total} lines | {rate} lines/s | ETA {eta_formatted} | {recorded} recorded, {duplicates} duplicates, {rejected} refused',
    hideCursor: true,
    etaBuffer: 20,
  },
  cliProgress.Presets.shades_classic,
);
const started = Date.now();
bar.start(total, 0, { rate: 0, recorded: 0, duplicates: 0, rejected: 0 });
const show = (report) =>
  bar.update(report.lines, {
    rate: Math.round(report.lines / Math.max(0.001, (Date.now() - started) / 1000)),
    recorded: report.recorded,
    duplicates: report.duplicates,
    rejected: report.rejected,
  });

// The API reports the run's counts while it runs; the bar follows them.
let polling = true;
const poll = (async () => {
  while (polling) {
    await new Promise((r) => setTimeout(r, 500));
    const response = await fetch(`${api}/v1/imports/${runId}`, { headers }).catch(() => undefined);
    if (response?.ok && polling) show(await response.json());
  }
})();

let response;
try {
  response = await fetch(`${api}/v1/imports?${query}`, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': csv ? 'text/csv' : 'application/x-ndjson',
      'content-length': String(size),
    },
    body: createReadStream(file),
    duplex: 'half',
  });
} finally {
  polling = false;
  await poll;
}
const report = await response.json();
if (response.status !== 201 && response.status !== 500) {
  bar.stop();
  console.error(`\nimport refused (${response.status}): ${report.title ?? ''} ${report.detail ?? ''}`);
  for (const e of report.errors ?? []) console.error(`  ${e.field}: ${e.message}`);
  process.exit(2);
}
show(report);
bar.stop();
const seconds = (Date.now() - started) / 1000;
console.log(
  `${report.lines} lines in ${seconds.toFixed(1)} s (${Math.round(report.lines / seconds)} lines/s): ` +
    `${report.recorded} recorded, ${report.duplicates} recorded before, ${report.rejected} refused.`,
);
for (const e of report.errors) console.log(`  line ${e.line}${e.field ? ` ${e.field}` : ''}: ${e.message}`);
if (report.errorsTruncated) console.log(`  … more: GET ${api}/v1/imports/${report.id}`);
if (report.status === 'failed') {
  console.error(`the run stopped: ${report.failure}`);
  process.exit(2);
}
process.exit(report.rejected > 0 ? 1 : 0);
