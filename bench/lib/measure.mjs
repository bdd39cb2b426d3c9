// Measuring helpers: a closed loop of N concurrent clients for a fixed time, percentiles, pgbench.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The q-th percentile (0–100) of a list of numbers, nearest rank; undefined for an empty list. */
export function percentile(values, q) {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
}

export function summary(latenciesMs, ops, seconds, extra = {}) {
  return {
    ops,
    perSecond: ops / seconds,
    p50: percentile(latenciesMs, 50),
    p99: percentile(latenciesMs, 99),
    max: percentile(latenciesMs, 100),
    ...extra,
  };
}

/**
 * Runs `operation(client, i)` in `clients` concurrent loops, first for `warmupMs` (not counted), then for
 * `seconds`. An operation answers true (or nothing) for a success, false for a counted refusal (a conflict);
 * a throw counts as an error. Answers successes/s and the latency of successes.
 */
export async function closedLoop({ clients, seconds, warmupMs = 500, operation }) {
  const latencies = [];
  let ok = 0;
  let refused = 0;
  let errors = 0;
  let firstError;
  let measuring = false;
  let stop = false;
  let i = 0;
  const loop = async (client) => {
    while (!stop) {
      const started = performance.now();
      const counted = measuring;
      try {
        const result = await operation(client, i++);
        if (!counted || stop) continue;
        if (result === false) refused += 1;
        else {
          ok += 1;
          latencies.push(performance.now() - started);
        }
      } catch (error) {
        if (counted) errors += 1;
        firstError ??= error;
        if (errors > 1000 || !counted) {
          stop = true;
          throw error;
        }
      }
    }
  };
  const loops = Array.from({ length: clients }, (_, client) => loop(client));
  const timer = (async () => {
    await sleep(warmupMs);
    measuring = true;
    const started = performance.now();
    await sleep(seconds * 1000);
    stop = true;
    return (performance.now() - started) / 1000;
  })();
  const [elapsed] = await Promise.all([timer, ...loops]);
  if (errors > 0) console.warn(`  ${errors} errors, the first: ${firstError?.message ?? firstError}`);
  return summary(latencies, ok, elapsed, { refused, errors });
}

/** Child processes running now (pgbench), for the bench's cleanup on Ctrl-C. */
export const running = new Set();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * pgbench running one SQL script at `clients` connections for `seconds`: transactions/s from its summary,
 * p50/p99 from its per-transaction log.
 */
export async function pgbench({ databaseUrl, sql, clients, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'demarche-pgbench-'));
  try {
    const script = join(dir, 'script.sql');
    writeFileSync(script, sql);
    const url = new URL(databaseUrl);
    const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script];
    args.push('--log', `--log-prefix=${join(dir, 'log')}`, '-h', url.hostname, '-p', url.port || '5432');
    args.push(
      '-U',
      decodeURIComponent(url.username || 'postgres'),
      decodeURIComponent(url.pathname.slice(1)),
    );
    const env = { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
    const output = await new Promise((resolve, reject) => {
      const child = spawn('pgbench', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      running.add(child);
      child.once('exit', () => running.delete(child));
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`pgbench: ${text.split('\n').slice(0, 6).join('\n')}`)),
      );
    });
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    const latencies = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('log')))
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    return { ...summary(latencies, latencies.length, seconds), perSecond: tps };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Samples /proc/<pid>/status VmRSS (bytes) of named processes every `everyMs`, keeping the peak of each. */
export function rssSampler(pids, everyMs = 250) {
  const peak = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const rss = rssOf(pid);
      if (rss !== undefined) peak[name] = Math.max(peak[name] ?? 0, rss);
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export function rssOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
