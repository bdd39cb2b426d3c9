import { type AppConfig, loadConfig } from '#config';
import type { KafkaConnection } from '#messaging';
import { kafkaSaslEnv, kafkaUsers } from '../../scripts/kafka/credentials.mjs';
import { authEnv } from './auth.js';

export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** The shared broker signs clients in with SCRAM (scripts/kafka.sh) unless it was started with KAFKA_SECURITY=plaintext. */
const SHARED_BROKER_SASL = process.env.KAFKA_SECURITY !== 'plaintext';

/**
 * The shared broker as a test's own clients reach it: signed in as the admin super user, as the tests create,
 * read and delete topics of every level under their own prefixes. `user` signs in as another principal.
 */
export function testKafka(user = 'admin'): KafkaConnection {
  const brokers = KAFKA_BROKERS.split(',');
  if (!SHARED_BROKER_SASL) return { brokers };
  const { username, password } = kafkaUsers()[user] ?? { username: user, password: '' };
  return { brokers, sasl: { mechanism: 'scram-sha-512', username, password } };
}

/**
 * The apps' sign-in to the broker. On the shared broker: the admin super user, since a test runs the API, relay
 * and projector in one process with one configuration (kafka-levels.int.spec runs each as its own principal).
 * On a test's private broker (fault tests, `brokers` given): none, those run PLAINTEXT (tests/support/broker.ts).
 */
function kafkaAuthEnv(brokers: string | undefined): Record<string, string> {
  if (brokers !== undefined && brokers !== KAFKA_BROKERS) return {};
  return SHARED_BROKER_SASL ? kafkaSaslEnv('admin') : {};
}

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
    ...kafkaAuthEnv(overrides.brokers),
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
