import type pg from 'pg';
import type { RecordedEvent } from '#domain';
import { withTransaction } from './database.js';
import { type EventRow, toStoredEvent } from './rows.js';
import {
  HOLD_BACK,
  MARK_PUBLISHED,
  OUTBOX_BACKLOG,
  PENDING_OUTBOX,
  RECORD_PUBLISH_FAILURE,
  TRY_RELAY_LOCK,
} from './sql.js';

/** An outbox row ready to publish, with the event it announces. */
export interface OutboxMessage {
  readonly topic: string;
  readonly key: string;
  readonly attempts: number;
  readonly event: RecordedEvent;
}

function positions(messages: readonly OutboxMessage[]): string[] {
  return messages.map((m) => m.event.globalPosition);
}

/** What the relay does with a claimed batch; throwing leaves the batch pending. */
export type PublishBatch = (messages: readonly OutboxMessage[]) => Promise<void>;

/**
 * `interrupted`: Kafka failed for reasons of its own (not the content) while keys were being sent one by one;
 * the keys sent before it are marked published, the rest stay pending, none is held back, and the relay backs off.
 */
export type RelayOutcome = { kind: 'standby' } | { kind: 'published'; count: number; interrupted?: unknown };

/** Reads and marks the transactional outbox on behalf of a relay. */
export class Outbox {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Claims the oldest safely-committed pending rows, hands them to publish and marks them published, all while
   * holding the relay lock, so concurrent relays never publish the same rows or reorder them. When `isPoison`
   * says Kafka refused the content (not that it was unreachable), keys are retried one by one so one bad row
   * holds back only its own key; a failure `isPoison` does not call refused content stops that and holds no key.
   */
  async relayOnce(
    limit: number,
    publish: PublishBatch,
    isPoison: (error: unknown) => boolean,
  ): Promise<RelayOutcome> {
    return withTransaction(this.pool, async (client) => {
      const lock = await client.query<{ locked: boolean }>(TRY_RELAY_LOCK);
      if (!lock.rows[0]?.locked) return { kind: 'standby' };
      const { rows } = await client.query<
        EventRow & { topic: string; message_key: string; attempts: number }
      >(PENDING_OUTBOX, [limit]);
      if (rows.length === 0) return { kind: 'published', count: 0 };
      const messages = rows.map((row) => ({
        topic: row.topic,
        key: row.message_key,
        attempts: row.attempts,
        event: toStoredEvent(row),
      }));
      try {
        await publish(messages);
      } catch (error) {
        if (!isPoison(error)) {
          // Outside the transaction that is about to roll back, so the failure stays visible to operators.
          await this.pool
            .query(RECORD_PUBLISH_FAILURE, [positions(messages), String(error)])
            .catch(() => undefined);
          throw error;
        }
        return { kind: 'published', ...(await this.publishKeyByKey(client, messages, publish, isPoison)) };
      }
      await client.query(MARK_PUBLISHED, [positions(messages)]);
      return { kind: 'published', count: messages.length };
    });
  }

  /**
   * Kafka refused something in the batch: publish each key on its own and hold back only the keys it refuses. A
   * failure that is not about content (the broker went away, authorisation) ends the round: what was sent stays
   * marked, the rest stays pending with the error, and no key is held back for it.
   */
  private async publishKeyByKey(
    client: pg.PoolClient,
    messages: readonly OutboxMessage[],
    publish: PublishBatch,
    isPoison: (error: unknown) => boolean,
  ): Promise<{ count: number; interrupted?: unknown }> {
    const byKey = new Map<string, OutboxMessage[]>();
    for (const m of messages) {
      const group = byKey.get(m.key);
      if (group) group.push(m);
      else byKey.set(m.key, [m]);
    }
    let published = 0;
    const groups = [...byKey.values()];
    for (const [i, group] of groups.entries()) {
      try {
        await publish(group);
        await client.query(MARK_PUBLISHED, [positions(group)]);
        published += group.length;
      } catch (error) {
        if (!isPoison(error)) {
          await client.query(RECORD_PUBLISH_FAILURE, [positions(groups.slice(i).flat()), String(error)]);
          return { count: published, interrupted: error };
        }
        await client.query(HOLD_BACK, [positions(group), String(error)]);
      }
    }
    return { count: published };
  }

  /** How many rows wait to be published and how long the oldest has waited. */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const { rows } = await this.pool.query<{ pending: number; oldest_seconds: number }>(OUTBOX_BACKLOG);
    return { pending: rows[0]?.pending ?? 0, oldestSeconds: rows[0]?.oldest_seconds ?? 0 };
  }
}
