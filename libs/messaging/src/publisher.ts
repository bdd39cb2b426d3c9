import type { RecordedEvent } from '#domain';
import { type RawRecord, toWireMessage } from './envelope.js';
import { type Kafka, Partitioners, type Producer } from './kafka.js';

export interface Publication {
  readonly topic: string;
  readonly key: string;
  readonly event: RecordedEvent;
}

/** Idempotent, acks=all publisher; keeps order within a key because kafkajs keeps it within a partition. */
export class EventPublisher {
  private producer: Producer | undefined;

  /** `schemaBaseUrl`: the API's public address, under which each event's `ce_dataschema` is served. */
  constructor(
    private readonly kafka: Kafka,
    private readonly schemaBaseUrl: string,
  ) {}

  async publish(publications: readonly Publication[]): Promise<void> {
    const producer = await this.connected();
    const byTopic = new Map<string, Publication[]>();
    for (const p of publications) {
      const group = byTopic.get(p.topic);
      if (group) group.push(p);
      else byTopic.set(p.topic, [p]);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, items]) => ({
          topic,
          messages: items.map((p) => toWireMessage(p.event, p.key, this.schemaBaseUrl)),
        })),
      });
    } catch (error) {
      // A producer that failed may hold a stale connection or producer id; start afresh next time.
      await this.reset();
      throw error;
    }
  }

  /** Sends records as they are (dead letters, replays), in order, with the same guarantees. */
  async publishRaw(topic: string, messages: readonly RawRecord[]): Promise<void> {
    const producer = await this.connected();
    try {
      await producer.send({ topic, acks: -1, messages: [...messages] });
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.reset();
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // The Java client's murmur2 partitioning, so consumers in any language agree on a key's partition.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
