import { createRequire } from 'node:module';
import type { RecordMetadata } from './kafka.js';
import { unacknowledged } from './publisher.js';

// kafkajs' own send loop and retrier, driven by a cluster of two fake brokers (no network): the case the
// acknowledgement check in EventPublisher exists for.
const require = createRequire(import.meta.url);
const sendMessages = require('kafkajs/src/producer/sendMessages.js') as (
  options: object,
) => (request: {
  acks: number;
  topicMessages: { topic: string; messages: { key: string; value: string; partition: number }[] }[];
}) => Promise<RecordMetadata[]>;
const createRetry = require('kafkajs/src/retry/index.js') as (options: object) => unknown;
const { KafkaJSConnectionError } = require('kafkajs/src/errors.js') as {
  KafkaJSConnectionError: new (message: string) => Error;
};

describe('a send across a broker dying mid-send (kafkajs 2.2.4)', () => {
  it('resolves without the partition that moved to a broker that had answered, and the check names it', async () => {
    // Partition 0 is led by broker 1, partition 1 by broker 2 until broker 2 dies; then broker 1 leads both.
    let moved = false;
    const produced: number[][] = [];
    const broker = (nodeId: number) => ({
      nodeId,
      async produce({ topicData }: { topicData: { topic: string; partitions: { partition: number }[] }[] }) {
        produced.push(topicData.flatMap((t) => t.partitions.map((p) => p.partition)));
        if (nodeId === 2) throw new KafkaJSConnectionError('Connection error: broker 2 is gone');
        return {
          topics: topicData.map((t) => ({
            topicName: t.topic,
            partitions: t.partitions.map((p) => ({ partition: p.partition, errorCode: 0, baseOffset: '0' })),
          })),
        };
      },
    });
    const brokers = new Map([
      [1, broker(1)],
      [2, broker(2)],
    ]);
    const leaderOf = (partition: number) => (partition === 0 || moved ? 1 : 2);
    const cluster = {
      targetTopics: new Set<string>(),
      async refreshMetadataIfNecessary() {},
      async refreshMetadata() {
        moved = true;
      },
      async addMultipleTargetTopics() {},
      isConnected: () => true,
      findTopicPartitionMetadata: () => [0, 1].map((p) => ({ partitionId: p, leader: leaderOf(p) })),
      findLeaderForPartitions: (_topic: string, partitions: string[]) => {
        const byLeader: Record<number, number[]> = {};
        for (const p of partitions.map(Number)) byLeader[leaderOf(p)] = [...(byLeader[leaderOf(p)] ?? []), p];
        return byLeader;
      },
      findBroker: async ({ nodeId }: { nodeId: string }) => brokers.get(Number(nodeId)),
    };
    const eosManager = {
      acquireBrokerLock: async () => undefined,
      releaseBrokerLock: async () => undefined,
      isTransactional: () => false,
      getSequence: () => 0,
      updateSequence: () => undefined,
      getProducerId: () => 1,
      getProducerEpoch: () => 0,
    };
    const send = sendMessages({
      logger: { debug() {}, error() {} },
      cluster,
      partitioner: ({ message }: { message: { partition: number } }) => message.partition,
      eosManager,
      retrier: createRetry({ retries: 3, initialRetryTime: 1, maxRetryTime: 5 }),
    });

    const result = await send({
      acks: -1,
      topicMessages: [
        {
          topic: 't',
          messages: [
            { key: 'SY', value: 'a', partition: 0 },
            { key: 'IQ', value: 'b', partition: 1 },
          ],
        },
      ],
    });

    // Broker 1 answered for partition 0 in the first attempt and was asked nothing after partition 1 moved to it.
    expect(produced).toEqual([[0], [1]]);
    expect(result.map((r) => `${r.topicName}/${r.partition}`)).toEqual(['t/0']);
    expect(unacknowledged(new Set(['t/0', 't/1']), result)).toEqual(['t/1']);
  });

  it('finds nothing missing when every partition written acknowledged without error', () => {
    const ack = (partition: number, errorCode = 0) =>
      ({ topicName: 't', partition, errorCode }) as RecordMetadata;
    expect(unacknowledged(new Set(['t/0', 't/1']), [ack(0), ack(1)])).toEqual([]);
    expect(unacknowledged(new Set(['t/0', 't/1']), [ack(0), ack(1, 6)])).toEqual(['t/1']);
  });
});
