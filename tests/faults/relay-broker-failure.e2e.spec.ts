import { Outbox, type OutboxMessage, PostgresEventStore } from '#event-store';
import {
  createKafka,
  EventPublisher,
  engagementTopicSpecs,
  ensureTopics,
  eventRouter,
  isRefusedRecord,
  type Kafka,
} from '#messaging';
import { PrivateBroker } from '../support/broker.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { uniqueName } from '../support/env.js';
import { appendObservation } from '../support/observations.js';
import { waitFor } from '../support/wait.js';

/**
 * The relay's key-by-key round (entered because Kafka refused a record of the batch) meets a broker that is gone:
 * that says nothing about any key, so no key is held back, and the relay backs off as in any outage. Once the
 * broker is back, the record Kafka refuses holds back its own key only. The relay's own publish, outbox and
 * classifier, on a broker of the test's own that it stops between the batch and the key-by-key round.
 */
describe('a broker that fails while the relay sends key by key', () => {
  const broker = new PrivateBroker();
  let db: TestDatabase;
  let store: PostgresEventStore;
  let kafka: Kafka;
  let publisher: EventPublisher;

  beforeAll(async () => {
    await broker.start();
    db = await createTestDatabase();
    const topicPrefix = uniqueName('relay-broker');
    store = new PostgresEventStore(db.pool, eventRouter(topicPrefix));
    kafka = createKafka({ brokers: [broker.address] }, 'relay-broker-test');
    await ensureTopics(kafka, engagementTopicSpecs(topicPrefix, 3, 1));
    publisher = new EventPublisher(kafka, 'http://127.0.0.1:3000');
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await db?.drop();
    await broker.destroy();
  });

  const append = (country: string, note: string) => appendObservation(store, country, note);

  const rows = async () =>
    (
      await db.pool.query<{ key: string; published: boolean; held: boolean; last_error: string | null }>(
        `SELECT message_key AS key, published_at IS NOT NULL AS published, held_until IS NOT NULL AS held,
                last_error
         FROM outbox ORDER BY global_position`,
      )
    ).rows;

  it('holds no key back for a broker-side failure, and only the refused key once the broker is back', async () => {
    // Over the broker's 1 MiB max.message.bytes: Kafka refuses it whatever the retries.
    await append('IQ', 'x'.repeat(1_200_000));
    await append('SY', 'healthy');
    await append('LB', 'healthy too');

    // The relay claims only rows committed before every transaction still running on the server (its safe
    // prefix): a transaction elsewhere on the shared server can hold the newest rows back for a moment, and this
    // round must see all three.
    await waitFor(
      async () =>
        (await db.count(
          `SELECT count(*) AS n FROM outbox
           WHERE published_at IS NULL AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
        )) === 3 || undefined,
      { what: 'the three rows to be past every running transaction' },
    );

    let brokerStopped = false;
    const publishThenStopTheBroker = async (messages: readonly OutboxMessage[]) => {
      try {
        await publisher.publish(messages);
      } catch (error) {
        if (!brokerStopped) {
          // The batch was refused (the large record): the key-by-key round that follows meets no broker.
          brokerStopped = true;
          await broker.stop();
        }
        throw error;
      }
    };
    const outbox = new Outbox(db.pool);
    const outcome = await outbox.relayOnce(10, publishThenStopTheBroker, isRefusedRecord);

    expect(brokerStopped).toBe(true);
    const afterOutage = await rows();
    expect(afterOutage.map((r) => [r.key, r.published, r.held])).toEqual([
      ['IQ', false, false],
      ['SY', false, false],
      ['LB', false, false],
    ]);
    // The relay backs off on this as on any outage.
    expect(outcome).toMatchObject({ kind: 'published', count: 0 });
    expect(outcome.kind === 'published' && outcome.interrupted).toBeTruthy();
    expect(afterOutage.every((r) => r.last_error !== null)).toBe(true);

    await broker.start();
    const recovered = await outbox.relayOnce(10, (messages) => publisher.publish(messages), isRefusedRecord);
    expect(recovered).toEqual({ kind: 'published', count: 2 });
    const afterRecovery = await rows();
    expect(afterRecovery.map((r) => [r.key, r.published, r.held])).toEqual([
      ['IQ', false, true],
      ['SY', true, false],
      ['LB', true, false],
    ]);
    expect(afterRecovery[0]?.last_error).toMatch(/large/i);
  });
});
