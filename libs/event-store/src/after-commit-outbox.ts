import type pg from 'pg';

/**
 * A Kafka record to publish once the transaction that decided it has committed: queued in `projector_outbox`,
 * which the projector's after-commit publisher sends in order (dead letters, derived events).
 */
export interface AfterCommitRecord {
  readonly topic: string;
  readonly key: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly headers: Record<string, string | Buffer>;
}

const ENQUEUE_AFTER_COMMIT = `
INSERT INTO projector_outbox (topic, message_key, value, headers)
SELECT r.topic, r.message_key, r.value, r.headers
FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::jsonb[]) WITH ORDINALITY AS r(topic, message_key, value, headers, ord)
ORDER BY r.ord`;

function bytes(value: string | Buffer | null): Buffer | null {
  return value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value);
}

/** Headers as text: demarche's (and CloudEvents') header values are UTF-8 strings. */
function textHeaders(headers: Record<string, string | Buffer>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.toString()]));
}

/** Queues records in the caller's transaction: they are published only if, and after, it commits. */
export async function enqueueAfterCommit(
  client: pg.ClientBase,
  records: readonly AfterCommitRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await client.query(ENQUEUE_AFTER_COMMIT, [
    records.map((r) => r.topic),
    records.map((r) => bytes(r.key)),
    records.map((r) => bytes(r.value)),
    records.map((r) => JSON.stringify(textHeaders(r.headers))),
  ]);
}
