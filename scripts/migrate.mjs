// npm run migrate: applies migrations/ to DATABASE_URL, creating the database first if it does not exist.
import { bootstrap } from './lib/bootstrap.mjs';

await bootstrap(import.meta.url);

const { ensureDatabase, log } = await import('./lib/services.mjs');
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/demarche';
await ensureDatabase(url);
log('migrations applied');
