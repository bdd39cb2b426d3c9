// The one migration runner: npm start, npm run migrate, the test template database and the fault tests' private
// PostgreSQL all apply migrations/ through it. Plain ESM, so scripts and jest's global setup load it unbuilt.
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** The repository's migrations/ folder (SQL files). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Applies every pending migration in migrations/ to the database at `databaseUrl` (node-pg-migrate). */
export async function migrate(databaseUrl, log = () => undefined) {
  await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    migrationsTable: 'pgmigrations',
    direction: 'up',
    count: Number.POSITIVE_INFINITY,
    log,
  });
}
