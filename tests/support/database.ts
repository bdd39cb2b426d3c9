import pg from 'pg';
import { createPool } from '#event-store';
import { ADMIN_DATABASE_URL } from './env.js';

/** Refuses anything but a throwaway test database: these helpers create and drop databases. */
export function assertTestDatabaseName(name: string): void {
  if (!/^demarche_test_[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to use non-test database "${name}"`);
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: pg.Pool;
  count(sql: string, params?: unknown[]): Promise<number>;
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from the run's template (see global-setup). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.DEMARCHE_TEST_TEMPLATE_DB;
  if (!template)
    throw new Error('DEMARCHE_TEST_TEMPLATE_DB is not set: run the suite through jest global setup');
  assertTestDatabaseName(template);
  const name = `${template}_${Math.random().toString(36).slice(2, 10)}`;
  assertTestDatabaseName(name);
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = databaseUrl(name);
  const pool = createPool(url, 5);
  return {
    name,
    url,
    pool,
    async count(sql, params = []) {
      const { rows } = await pool.query<{ n: string }>(sql, params);
      return Number(rows[0]?.n ?? 0);
    },
    async drop() {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
