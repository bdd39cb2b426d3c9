import { Logger } from '@nestjs/common';
import { type Consumer, type EachMessagePayload, type Kafka, logLevel } from 'kafkajs';
import {
  decodeDerivedRecord,
  decodeEventRecord,
  isEventRecord,
  NotAnEventRecordError,
  recordTopicOf,
  validateEventData,
} from '#contracts';
import type { AlertStore } from './alert-store.js';
import type { AlertsConfig } from './config.js';
import { contractNeeded, outcomeOf, type TopicRecord } from './rules.js';

/**
 * The record topics this principal may read: the broker's metadata lists only the topics a principal may describe,
 * and its ACLs grant a downstream consumer exactly the levels it is cleared for (the engagement and derived topic
 * of each). Sorted, so two listings compare.
 */
export async function readableTopics(kafka: Kafka, prefix: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((topic) => recordTopicOf(prefix, topic) !== null).sort();
  } finally {
    await admin.disconnect();
  }
}

/** A record read through the contract, or why it is skipped (not this binding's, or data its schema refuses). */
export function decodeRecord(
  prefix: string,
  topic: string,
  message: Pick<EachMessagePayload['message'], 'headers' | 'value'>,
): TopicRecord | { skip: string } {
  const where = recordTopicOf(prefix, topic);
  if (!where) return { skip: 'not a record topic' };
  try {
    if (where.kind === 'derived') {
      const event = decodeDerivedRecord(message.headers, message.value);
      const valid = validateEventData(event.type, event.schemaVersion, event.data);
      return valid.ok ? { kind: 'derived', event } : { skip: `data refused: ${valid.errors.join('; ')}` };
    }
    // A record in the format before CloudEvents binary mode: republished in the new format since; nothing to read.
    if (!isEventRecord(message.headers)) return { skip: 'an older format' };
    const event = decodeEventRecord(message.headers, message.value);
    const valid = validateEventData(event.type, event.schemaVersion, event.data);
    return valid.ok ? { kind: 'event', event } : { skip: `data refused: ${valid.errors.join('; ')}` };
  } catch (error) {
    if (error instanceof NotAnEventRecordError) return { skip: error.message };
    throw error;
  }
}

/**
 * Reads every record topic its credentials allow, in its own consumer group, and records what each record means
 * (AlertStore.record) before its offset is committed: at least once, and a record read again raises nothing new.
 * It looks again for readable topics every `topicRefreshMs` and subscribes afresh when they changed (a derived
 * topic is created when first needed; a new grant adds levels).
 */
export class AlertConsumer {
  private readonly log = new Logger('AlertConsumer');
  private consumer: Consumer | undefined;
  private topics: string[] = [];
  private refresh: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly store: AlertStore,
    private readonly config: AlertsConfig['kafka'],
  ) {}

  /** Subscribes to what it may read now, and keeps looking. */
  async start(): Promise<void> {
    await this.resubscribe();
    const again = () => {
      this.refresh = setTimeout(() => {
        this.resubscribe()
          .catch((error: unknown) =>
            this.log.warn({ msg: 'could not list readable topics; trying again', error: `${error}` }),
          )
          .finally(() => {
            if (!this.stopped) again();
          });
      }, this.config.topicRefreshMs);
    };
    again();
  }

  /** The topics it reads now. */
  get subscribed(): readonly string[] {
    return this.topics;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refresh);
    await this.consumer?.disconnect();
  }

  private async resubscribe(): Promise<void> {
    const topics = await readableTopics(this.kafka, this.config.topicPrefix);
    if (this.stopped || topics.join() === this.topics.join()) return;
    await this.consumer?.disconnect();
    this.topics = topics;
    if (topics.length === 0) {
      this.log.warn({
        msg: 'no record topic is readable yet with these credentials',
        prefix: this.config.topicPrefix,
      });
      this.consumer = undefined;
      return;
    }
    const consumer = this.kafka.consumer({ groupId: this.config.groupId });
    this.consumer = consumer;
    await consumer.connect();
    // A new group reads each topic from its start: the alerts of what is already on record are raised too.
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({ eachMessage: (payload) => this.handle(payload) });
    this.log.log({ msg: 'reading', topics });
  }

  private async handle({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const record = decodeRecord(this.config.topicPrefix, topic, message);
    if ('skip' in record) {
      this.log.warn({ msg: 'record skipped', topic, partition, offset: message.offset, reason: record.skip });
      return;
    }
    const contractId = contractNeeded(record);
    const contract = contractId ? await this.store.contract(contractId) : undefined;
    const raised = await this.store.record(outcomeOf(record, contract), topic);
    if (raised.length > 0) this.log.log({ msg: 'alerts raised', topic, offset: message.offset, ids: raised });
  }
}

/** kafkajs' own log level for the service's log level. */
export function kafkaLogLevel(level: string): logLevel {
  if (level === 'debug' || level === 'trace') return logLevel.INFO;
  if (level === 'silent' || level === 'fatal') return logLevel.NOTHING;
  return logLevel.ERROR;
}
