import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createPool } from '#event-store';
import { migrate } from '../../scripts/lib/migrate.mjs';
import { assertTestDatabaseName, type TestDatabase } from './database.js';

const run = promisify(execFile);
const SUPERUSER = 'postgres';
/** Expected while the server is killed and restarted under a pool: the test checks outcomes, not these lines. */
const QUIET = { warn: () => undefined };

/** Where initdb and pg_ctl live: PG_BINDIR, else `pg_config --bindir`, else the newest Debian server version. */
function findBindir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // No pg_config (it comes with the client dev package): look where Debian installs servers.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found)
    throw new Error(
      `initdb/pg_ctl not found (looked in ${candidates.join(', ') || 'nothing'}); set PG_BINDIR`,
    );
  return found;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, pg_ctl on a private port and socket
 * directory), so a test can kill and restart it without disturbing the machine's server or other tests.
 * initdb refuses to run as root: as root, the binaries run as the `postgres` user, who owns the directory.
 */
export class PrivatePostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'demarche-postgres-'));
  private port = 0;
  private bindir = '';
  private initialised = false;

  /** A connection URL to one of this server's databases. */
  url(database = 'postgres'): string {
    if (!this.port) throw new Error('the private PostgreSQL has not been started');
    return `postgres://${SUPERUSER}@127.0.0.1:${this.port}/${database}`;
  }

  private async binary(name: 'initdb' | 'pg_ctl', args: readonly string[]): Promise<void> {
    const file = join(this.bindir, name);
    const [command, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, [...args]];
    try {
      await run(command, argv, { timeout: 120_000 });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${name} ${args.join(' ')} failed: ${stderr || stdout || (error as Error).message}`);
    }
  }

  private async initialise(): Promise<void> {
    this.bindir = findBindir();
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }));
      chownSync(this.dir, uid, gid);
    }
    // Outside the kernel's ephemeral range (32768+), so no outgoing connection holds the port on a restart.
    for (let attempt = 0; !this.port; attempt += 1) {
      const candidate = 25_432 + Math.floor(Math.random() * 2_000) * 2;
      if (await portFree(candidate)) this.port = candidate;
      else if (attempt > 50) throw new Error('no free port for a private PostgreSQL');
    }
    await this.binary('initdb', [
      '-D',
      join(this.dir, 'data'),
      '-A',
      'trust',
      '-U',
      SUPERUSER,
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    this.initialised = true;
  }

  /** Starts the server (initdb on first use) and waits until it accepts connections. */
  async start(): Promise<void> {
    if (!this.initialised) await this.initialise();
    // fsync off: a killed server still recovers from its WAL (the OS keeps the writes); only a machine crash
    // would lose them, and the directory is thrown away after the test anyway.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.binary('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** A clean shutdown: sessions are ended, the server checkpoints and exits. */
  stop(): Promise<void> {
    return this.binary('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  /** A crash: every server process quits at once, and the next start runs crash recovery. */
  kill(): Promise<void> {
    return this.binary('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  /** Kills (by default, a crash) or stops the server, then starts it again on the same port. */
  async restart({ crash = true } = {}): Promise<void> {
    await (crash ? this.kill() : this.stop());
    await this.start();
  }

  private async query(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /** A fresh database on this server with every migration applied. */
  async createDatabase(): Promise<TestDatabase> {
    const name = `demarche_test_faults_${Math.random().toString(36).slice(2, 10)}`;
    assertTestDatabaseName(name);
    await this.query(`CREATE DATABASE ${name}`);
    const url = this.url(name);
    await migrate(url);
    const pool = createPool(url, 5, QUIET);
    return {
      name,
      url,
      pool,
      async count(sql, params = []) {
        const { rows } = await pool.query<{ n: string }>(sql, params);
        return Number(rows[0]?.n ?? 0);
      },
      drop: async () => {
        await pool.end();
        await this.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }

  /** Stops the server if it runs and removes its directory: call it in afterAll. */
  async destroy(): Promise<void> {
    if (this.initialised) await this.kill().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
