// Local services the project needs: PostgreSQL (the machine's) and Kafka (our own broker, scripts/kafka.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { ROOT } from './bootstrap.mjs';

export function log(message) {
  console.log(`[demarche] ${message}`);
}

export function portOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function hostPort(address, defaultPort) {
  const [host, port] = address.split(':');
  return { host: host || '127.0.0.1', port: Number(port || defaultPort) };
}

/** Starts the local PostgreSQL cluster if the configured server does not answer and one is installed here. */
export async function ensurePostgres(databaseUrl) {
  const url = new URL(databaseUrl);
  const { host, port } = { host: url.hostname, port: Number(url.port || 5432) };
  if (await portOpen(host, port)) return;
  if (!['127.0.0.1', 'localhost'].includes(host) || !existsSync('/etc/postgresql')) {
    throw new Error(`PostgreSQL at ${host}:${port} does not answer; set DATABASE_URL to a running server`);
  }
  for (const version of readdirSync('/etc/postgresql')) {
    log(`starting local PostgreSQL ${version}…`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  }
  for (let i = 0; i < 60 && !(await portOpen(host, port)); i += 1)
    await new Promise((r) => setTimeout(r, 500));
  if (!(await portOpen(host, port))) throw new Error(`PostgreSQL did not come up at ${host}:${port}`);
}

/**
 * Makes sure a broker answers at the configured address. Returns a stop function when this call started it,
 * or undefined when one was already running (then it is left alone, except that a broker of our own kafka.sh
 * gets `start` again: it restarts one running with outdated security settings, e.g. from before SCRAM, and
 * adds missing ACLs; otherwise it returns at once).
 */
export async function ensureKafka(brokers) {
  const { host, port } = hostPort(brokers.split(',')[0], 9092);
  const local = ['127.0.0.1', 'localhost'].includes(host);
  // kafka.sh adds the ACLs with node: this one.
  const env = { ...process.env, KAFKA_PORT: String(port), NODE: process.execPath };
  const kafkaSh = (command, stdio = 'inherit') =>
    spawnSync('bash', [join(ROOT, 'scripts', 'kafka.sh'), command], { stdio, env });
  if (await portOpen(host, port)) {
    if (local && kafkaSh('status', 'ignore').status === 0) {
      execFileSync('bash', [join(ROOT, 'scripts', 'kafka.sh'), 'start'], { stdio: 'inherit', env });
    }
    return undefined;
  }
  if (!local) throw new Error(`Kafka at ${host}:${port} does not answer`);
  log(`starting local Kafka on ${host}:${port}…`);
  execFileSync('bash', [join(ROOT, 'scripts', 'kafka.sh'), 'start'], { stdio: 'inherit', env });
  return () => {
    log('stopping local Kafka…');
    kafkaSh('stop');
  };
}

/** Creates the database named in the URL if missing, then applies every pending migration. */
export async function ensureDatabase(databaseUrl) {
  await ensurePostgres(databaseUrl);
  const { default: pg } = await import('pg');
  const { migrate } = await import('./migrate.mjs');
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      log(`creating database ${name}`);
      // Identifiers cannot be parameters; quote it as one.
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
  await migrate(databaseUrl);
}
