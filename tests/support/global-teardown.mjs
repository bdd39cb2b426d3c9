import { adminQuery, assertTestDatabaseName, testKafka } from './global-setup.mjs';

/** Deletes the topics and consumer groups the run's tests made on the shared broker (prefix `test-<run>-`). */
async function deleteRunTopics() {
  const run = process.env.DEMARCHE_TEST_RUN;
  if (!run || !/^r[a-z0-9]+$/.test(run)) return;
  const prefix = `test-${run}-`;
  const admin = testKafka().admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
    // A group whose member was killed cannot be deleted until its session expires; it holds no messages.
    if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
  } catch (error) {
    console.warn(`[test teardown] could not delete the run's topics: ${error}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Drops the run's template and every database cloned from it, and deletes the run's topics. */
export default async function globalTeardown() {
  await deleteRunTopics();
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
