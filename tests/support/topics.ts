import { createKafka } from '#messaging';
import { KAFKA_BROKERS, testKafka } from './env.js';

/**
 * Deletes the topics (`<prefix>.engagement.<level>`, their `.dlq`, …) and consumer groups (`<prefix>-projector`, …) a test
 * made under its topic prefix, so that the developer's broker keeps no test data. Call it in afterAll, after
 * the processes that use them have stopped. Only prefixes made by uniqueName (`test-…`) are accepted.
 */
export async function deleteTestTopics(prefix: string, brokers: string = KAFKA_BROKERS): Promise<void> {
  if (!/^test-[a-z0-9-]+$/.test(prefix)) throw new Error(`refusing to delete topics of "${prefix}"`);
  // A private broker (fault tests) runs PLAINTEXT; the shared one signs us in.
  const connection = brokers === KAFKA_BROKERS ? testKafka() : { brokers: brokers.split(',') };
  const admin = createKafka(connection, 'test-cleanup').admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${prefix}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(`${prefix}-`));
    // A group still holding a member cannot be deleted; it expires with the broker's offset retention.
    if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
