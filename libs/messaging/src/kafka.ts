import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
export const { Partitioners } = kafkajs;
export type Kafka = kafkajs.Kafka;
export type Producer = kafkajs.Producer;
export type RecordMetadata = kafkajs.RecordMetadata;
export type Consumer = kafkajs.Consumer;
export type Admin = kafkajs.Admin;
export type EachBatchPayload = kafkajs.EachBatchPayload;
export type KafkaMessage = kafkajs.KafkaMessage;

export interface KafkaLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** SASL credentials of the principal a process acts as; the broker's ACLs say what that principal may do. */
export interface KafkaSasl {
  readonly mechanism: 'scram-sha-512' | 'scram-sha-256' | 'plain';
  readonly username: string;
  readonly password: string;
}

/** Where the brokers are and, when they require it, who we are to them (no `sasl`: a PLAINTEXT broker). */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly sasl?: KafkaSasl;
}

/**
 * The messages of the Kafka errors kafkajs retries by itself (a leader moving, a coordinator loading): it logs
 * each failed response at ERROR before retrying, though nothing has failed yet. From kafkajs' own error table.
 */
const RETRIABLE_ERROR_MESSAGES: ReadonlySet<string> = new Set(
  (
    createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
      errorCodes: { message: string; retriable: boolean }[];
    }
  ).errorCodes
    .filter((e) => e.retriable)
    .map((e) => e.message),
);

/** Whether a kafkajs ERROR line is a failed response it will retry: a warning, not an error. */
export function isRetriedResponse(message: string, entry: Readonly<Record<string, unknown>>): boolean {
  if (message.startsWith(FAILED_SEND)) {
    // The producer's own line for a send it is about to retry (the caller hears if the retries run out).
    return (
      typeof entry.retryCount === 'number' && RETRIABLE_ERROR_MESSAGES.has(message.slice(FAILED_SEND.length))
    );
  }
  return (
    message.startsWith('Response ') &&
    typeof entry.error === 'string' &&
    RETRIABLE_ERROR_MESSAGES.has(entry.error)
  );
}

const FAILED_SEND = 'Failed to send messages: ';

/**
 * A kafkajs client whose own log lines go to the app's logger (warnings and errors only; a failed response it
 * retries is a warning).
 */
export function createKafka(connection: KafkaConnection, clientId: string, log?: KafkaLog): Kafka {
  const { sasl } = connection;
  return new Kafka({
    clientId,
    brokers: [...connection.brokers],
    ...(sasl ? { sasl: { ...sasl } as kafkajs.SASLOptions } : {}),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        if (!log) return;
        const { message, ...rest } = entry;
        if (level === logLevel.ERROR && !isRetriedResponse(message, rest))
          log.error({ kafkajs: rest }, message);
        else log.warn({ kafkajs: rest }, message);
      },
  });
}

/**
 * Kafka error types that refuse one record's content: sending it again, or from another process, fails the same
 * way, while the same send without that record would succeed. kafkajs calls CORRUPT_MESSAGE retriable (it retries
 * it, then gives up) but it is about the bytes sent, not the broker.
 */
const REFUSED_RECORD_TYPES: ReadonlySet<string> = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

/**
 * Why a send failed. `refused-record`: Kafka refused the content of what was sent (too large, invalid, corrupt),
 * so holding back the records concerned lets the others through. `broker-side`: everything else, which says
 * nothing about any record: the broker is unreachable or timing out, a leader is moving, the client is not
 * authorised (topic, cluster, transactional id), a topic is missing, or an error we do not recognise. A
 * broker-side failure pauses the whole sender; it never holds one key back.
 */
export type PublishFailure = 'refused-record' | 'broker-side';

/** Classifies a kafkajs send error by the Kafka error types anywhere down its chain (retry wrappers keep a cause). */
export function classifyPublishFailure(error: unknown): PublishFailure {
  const seen = new Set<unknown>();
  for (let e: unknown = error; typeof e === 'object' && e !== null && !seen.has(e); e = causeOf(e)) {
    seen.add(e);
    const { type } = e as { type?: unknown };
    if (typeof type === 'string' && REFUSED_RECORD_TYPES.has(type)) return 'refused-record';
  }
  return 'broker-side';
}

/** Whether Kafka refused the content of a send rather than failing for reasons of its own. */
export function isRefusedRecord(error: unknown): boolean {
  return classifyPublishFailure(error) === 'refused-record';
}

function causeOf(error: object): unknown {
  const { cause, originalError } = error as { cause?: unknown; originalError?: unknown };
  return cause ?? originalError;
}
