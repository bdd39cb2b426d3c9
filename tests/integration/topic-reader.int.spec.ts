import { createKafka, type Kafka, type KafkaMessage, readTopicToEnd } from '#messaging';
import { testKafka, uniqueName } from '../support/env.js';
import { deleteTestTopics } from '../support/topics.js';

describe('reading a topic up to its end (rebuild from Kafka, dead-letter admin)', () => {
  let kafka: Kafka;
  let prefix: string;
  let topicCount = 0;

  beforeAll(() => {
    kafka = createKafka(testKafka(), 'topic-reader-test');
    prefix = uniqueName('topic-reader');
  });

  afterAll(async () => {
    await deleteTestTopics(prefix);
  });

  async function topicWith(keys: readonly string[]): Promise<string> {
    topicCount += 1;
    const topic = `${prefix}.t${topicCount}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] })
      .finally(() => admin.disconnect());
    if (keys.length > 0) await produce(topic, keys);
    return topic;
  }

  async function produce(topic: string, keys: readonly string[]): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer
      .send({ topic, messages: keys.map((key) => ({ key, value: key })) })
      .finally(() => producer.disconnect());
  }

  const read = async (topic: string, each?: (messages: readonly KafkaMessage[]) => Promise<void>) => {
    const seen: { partition: number; offset: string; value: string }[] = [];
    await readTopicToEnd(kafka, topic, `${prefix}-reader`, async (partition, messages) => {
      for (const m of messages) seen.push({ partition, offset: m.offset, value: String(m.value) });
      await each?.(messages);
    });
    return seen;
  };

  it('hands over every record of every partition, each partition in offset order', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    const topic = await topicWith(keys);
    const seen = await read(topic);
    expect(seen.map((r) => r.value).sort()).toEqual([...keys].sort());
    expect(new Set(seen.map((r) => r.partition)).size).toBeGreaterThan(1);
    for (const partition of new Set(seen.map((r) => r.partition))) {
      const offsets = seen.filter((r) => r.partition === partition).map((r) => BigInt(r.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : 1)));
    }
  });

  it('stops at the end the topic had when the read began: records produced meanwhile are left out', async () => {
    const topic = await topicWith(['a', 'b', 'c', 'd', 'e', 'f']);
    let producedLate = false;
    const seen = await read(topic, async () => {
      if (producedLate) return;
      producedLate = true;
      await produce(topic, ['late-1', 'late-2', 'late-3', 'late-4', 'late-5', 'late-6']);
    });
    expect(producedLate).toBe(true);
    expect(seen.map((r) => r.value).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('reads nothing from an empty topic and returns at once', async () => {
    const topic = await topicWith([]);
    expect(await read(topic)).toEqual([]);
  });

  it('rejects with the first error the handler throws instead of waiting for the end forever', async () => {
    const topic = await topicWith(['x', 'y', 'z']);
    const failing = readTopicToEnd(kafka, topic, `${prefix}-reader`, async () => {
      throw new Error('cannot apply this batch');
    });
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<string>((resolve) => {
      timer = setTimeout(resolve, 20_000, 'still waiting');
    });
    try {
      await expect(Promise.race([failing, stuck])).rejects.toThrow('cannot apply this batch');
    } finally {
      clearTimeout(timer);
    }
  });
});
