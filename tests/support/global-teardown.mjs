import { adminQuery, assertTestDatabaseName } from './global-setup.mjs';

/** Drops the run's template and every database cloned from it. */
export default async function globalTeardown() {
  const template = process.env.DEMARCHE_TEST_TEMPLATE_DB;
  if (!template) return;
  const { rows } = await adminQuery(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_%' ORDER BY length(datname) DESC`,
    [template],
  );
  for (const { datname } of rows) {
    assertTestDatabaseName(datname);
    await adminQuery(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
