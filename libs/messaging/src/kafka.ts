import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;
export const { Partitioners } = kafkajs;
export type Kafka = kafkajs.Kafka;
export type Producer = kafkajs.Producer;
export type Consumer = kafkajs.Consumer;
export type Admin = kafkajs.Admin;
export type EachBatchPayload = kafkajs.EachBatchPayload;
export type KafkaMessage = kafkajs.KafkaMessage;

export interface KafkaLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** A kafkajs client whose own log lines go to the app's logger (warnings and errors only). */
export function createKafka(brokers: readonly string[], clientId: string, log?: KafkaLog): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        if (!log) return;
        const { message, ...rest } = entry;
        if (level === logLevel.ERROR) log.error({ kafkajs: rest }, message);
        else log.warn({ kafkajs: rest }, message);
      },
  });
}

/** Whether kafkajs says an error may go away on its own (broker restart, leader election). */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: boolean }).retriable === true;
}

/**
 * Whether Kafka refused the content of a send (too large, invalid record) rather than being unreachable:
 * non-retriable all the way down the error chain.
 */
export function isRefusedContent(error: unknown): boolean {
  for (
    let e: unknown = error;
    e;
    e = (e as { originalError?: unknown; cause?: unknown }).originalError ?? (e as { cause?: unknown }).cause
  ) {
    const { retriable, name } = e as { retriable?: boolean; name?: string };
    if (
      retriable === true ||
      /Connection|NumberOfRetriesExceeded|RequestTimeout|BrokerNotFound/.test(name ?? '')
    )
      return false;
  }
  return (
    typeof error === 'object' && error !== null && (error as { retriable?: boolean }).retriable === false
  );
}
