// Plain ESM: jest loads global setup outside its module mapper, so this cannot import the TypeScript libs.
import kafkajs from 'kafkajs';
import pg from 'pg';
import { kafkaUsers } from '../../scripts/kafka/credentials.mjs';
import { migrate } from '../../scripts/lib/migrate.mjs';

export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

export function assertTestDatabaseName(name) {
  if (!/^demarche_test_[a-z0-9_]+$/.test(name))
    throw new Error(`refusing to use non-test database "${name}"`);
}

export async function adminQuery(sql, params = []) {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** The shared broker as the admin super user (SCRAM, scripts/kafka.sh), unless it runs KAFKA_SECURITY=plaintext. */
export function testKafka() {
  const { username, password } = kafkaUsers().admin;
  return new kafkajs.Kafka({
    clientId: 'demarche-test-setup',
    brokers: KAFKA_BROKERS.split(','),
    logLevel: 0,
    ...(process.env.KAFKA_SECURITY === 'plaintext'
      ? {}
      : { sasl: { mechanism: 'scram-sha-512', username, password } }),
  });
}

async function waitForKafka() {
  const kafka = testKafka();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(
          `No Kafka broker at ${KAFKA_BROKERS} (npm test starts one; or: npm run kafka -- start): ${error}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/** Creates one migrated template database per run; every test file clones its own database from it. */
export default async function globalSetup() {
  const template = `demarche_test_${process.pid}_${Date.now().toString(36)}`;
  assertTestDatabaseName(template);
  await adminQuery(`CREATE DATABASE ${template}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${template}`;
  await migrate(url.toString());
  process.env.DEMARCHE_TEST_TEMPLATE_DB = template;
  // Every topic prefix made by uniqueName carries it: global teardown deletes the run's topics by it.
  process.env.DEMARCHE_TEST_RUN = `r${process.pid.toString(36)}${Date.now().toString(36)}`;
  await waitForKafka();
}
