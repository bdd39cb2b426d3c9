import type pg from 'pg';
import type { RecordedEvent } from '#domain';
import { DEAD_LETTER_HEADERS, deadLetterTopicOf, type KafkaMessage } from '#messaging';
import type { AfterCommitPublisher } from './after-commit-publisher.js';

const IS_PARKED = `SELECT dead_event_id FROM projection_parked_streams WHERE projection = $1 AND stream_id = $2`;

const PARK = `
INSERT INTO projection_parked_streams (projection, stream_id, dead_event_id, reason) VALUES ($1, $2, $3, $4)
ON CONFLICT (projection, stream_id) DO NOTHING`;

/**
 * Sends what a projection cannot apply to the dead-letter topic of its source's level, with the error and source position in headers,
 * and parks the event's stream so its later events follow it there instead of being applied out of order. Both
 * happen in the chunk's transaction: the dead letter is queued there and published after the commit, so a chunk
 * that rolls back sends none and its retry sends each once.
 */
export class DeadLetters {
  constructor(
    private readonly afterCommit: AfterCommitPublisher,
    private readonly projection: string,
  ) {}

  /** The event id a stream is parked behind, if it is. */
  async parkedBehind(client: pg.ClientBase, streamId: string): Promise<string | undefined> {
    const { rows } = await client.query<{ dead_event_id: string }>(IS_PARKED, [this.projection, streamId]);
    return rows[0]?.dead_event_id;
  }

  async park(client: pg.ClientBase, event: RecordedEvent, reason: string): Promise<void> {
    await client.query(PARK, [this.projection, event.streamId, event.eventId, reason.slice(0, 2000)]);
  }

  /** Queues the dead letter in the chunk's transaction; it reaches the topic once that transaction commits. */
  async send(
    client: pg.ClientBase,
    message: KafkaMessage,
    source: { topic: string; partition: number },
    reason: string,
  ): Promise<void> {
    const headers: Record<string, string | Buffer> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? String(value[0]) : value;
    }
    await this.afterCommit.enqueue(client, [
      {
        // The same level as its source: a dead letter is readable by exactly those cleared for the source.
        topic: deadLetterTopicOf(source.topic),
        key: message.key,
        value: message.value,
        headers: {
          ...headers,
          [DEAD_LETTER_HEADERS.error]: reason.slice(0, 2000),
          [DEAD_LETTER_HEADERS.projection]: this.projection,
          [DEAD_LETTER_HEADERS.sourceTopic]: source.topic,
          [DEAD_LETTER_HEADERS.sourcePartition]: String(source.partition),
          [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
          [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
        },
      },
    ]);
  }
}
