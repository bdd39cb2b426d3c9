import { type AppConfig, loadConfig } from '#config';
import { authEnv } from './auth.js';

export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** Environment for an app under test: its own database, topic prefix and consumer group. */
export function testEnv(overrides: {
  databaseUrl: string;
  topicPrefix: string;
  brokers?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: overrides.databaseUrl,
    KAFKA_BROKERS: overrides.brokers ?? KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: overrides.topicPrefix,
    KAFKA_PARTITIONS: '3',
    PROJECTOR_GROUP_ID: `${overrides.topicPrefix}-projector`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...authEnv(),
    // Tests send many requests from one address and subject; the limits are tested by their own suite.
    RATE_LIMIT_PER_SUBJECT: '1000000',
    RATE_LIMIT_PER_IP: '1000000',
    ...overrides.extra,
  };
}

export function testConfig(overrides: Parameters<typeof testEnv>[0]): AppConfig {
  return loadConfig(testEnv(overrides));
}

/**
 * A name no other test (or earlier run) uses. Under the run's id (set by global setup), so that global teardown
 * can delete the run's topics and consumer groups from the broker.
 */
export function uniqueName(label: string): string {
  const run = process.env.DEMARCHE_TEST_RUN ?? 'adhoc';
  return `test-${run}-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
