import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** The repository's migrations/ folder, found from sources and from the dist/ build alike. */
function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'migrations'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('migrations/ folder not found above the event-store library');
    dir = parent;
  }
  return join(dir, 'migrations');
}

/** Applies every pending migration in migrations/ (node-pg-migrate, SQL files). */
export async function migrate(
  databaseUrl: string,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  await runner({
    databaseUrl,
    dir: migrationsDir(),
    migrationsTable: 'pgmigrations',
    direction: 'up',
    count: Number.POSITIVE_INFINITY,
    log,
  });
}
