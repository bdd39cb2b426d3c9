import type { RecordedEvent } from '#domain';
import { type RawRecord, toWireMessage } from './envelope.js';
import { type Kafka, Partitioners, type Producer, type RecordMetadata } from './kafka.js';

export interface Publication {
  readonly topic: string;
  readonly key: string;
  readonly event: RecordedEvent;
}

/** Idempotent, acks=all publisher; keeps order within a key because kafkajs keeps it within a partition. */
export class EventPublisher {
  private producer: Producer | undefined;
  /** The partitions the send in flight wrote to, as the partitioner chose them. */
  private written: Set<string> | undefined;

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
      await this.acknowledgedEverywhere(() =>
        producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, items]) => ({
            topic,
            messages: items.map((p) => toWireMessage(p.event, p.key, this.schemaBaseUrl)),
          })),
        }),
      );
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
      await this.acknowledgedEverywhere(() => producer.send({ topic, acks: -1, messages: [...messages] }));
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    await this.reset();
  }

  /**
   * Runs a send and checks that every partition it wrote to acknowledged it. kafkajs 2.2.4 can resolve a send that
   * left a partition out: when a broker dies mid-send and its partition moves to a broker that had already
   * answered, the retry sends that broker nothing (its sendMessages keeps one response per broker across
   * attempts; kafkajs issue #1303, PR #1798). Such a send is a failure here: the producer is started afresh and
   * the caller sends everything again (consumers drop the duplicates by stream version or event id).
   */
  private async acknowledgedEverywhere(send: () => Promise<RecordMetadata[]>): Promise<void> {
    const written = new Set<string>();
    this.written = written;
    try {
      const acknowledged = await send();
      const missing = unacknowledged(written, acknowledged);
      if (missing.length > 0) throw new PartitionsNotAcknowledgedError(missing);
    } finally {
      if (this.written === written) this.written = undefined;
    }
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // The Java client's murmur2 partitioning, so consumers in any language agree on a key's partition.
        // Each choice is noted, so a send can be checked against the partitions that acknowledged it.
        createPartitioner: () => {
          const partition = Partitioners.DefaultPartitioner();
          return (args) => {
            const chosen = partition(args);
            this.written?.add(`${args.topic}/${chosen}`);
            return chosen;
          };
        },
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

/** A send resolved without an acknowledgement from some partitions it wrote to (see acknowledgedEverywhere). */
export class PartitionsNotAcknowledgedError extends Error {
  constructor(readonly partitions: readonly string[]) {
    super(`Kafka did not acknowledge ${partitions.join(', ')}; sending again`);
    this.name = 'PartitionsNotAcknowledgedError';
  }
}

/** The partitions (`topic/partition`) written to that no error-free acknowledgement names. */
export function unacknowledged(
  written: ReadonlySet<string>,
  acknowledged: readonly RecordMetadata[],
): string[] {
  const ok = new Set(
    acknowledged.filter((r) => r.errorCode === 0).map((r) => `${r.topicName}/${r.partition}`),
  );
  return [...written].filter((p) => !ok.has(p)).sort();
}
