import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestDatabase } from './database.js';

/** What a command endpoint answered: status, JSON body (a recorded entry or a problem) and headers. */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, unknown>;
}

/** POSTs a JSON body to the API in-process. */
export async function postJson(
  api: NestFastifyApplication,
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await api.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

/** POSTs a command that must be recorded and answers its ids. */
export async function recorded(
  api: NestFastifyApplication,
  url: string,
  payload: unknown,
): Promise<{ entryId: string; eventId: string; streamId: string; streamVersion: number }> {
  const answer = await postJson(api, url, payload);
  if (answer.status !== 201) throw new Error(`POST ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { entryId: string; eventId: string; streamId: string; streamVersion: number };
}

/** The fields a 400 problem names. */
export function errorFields(body: Record<string, unknown>): string[] {
  return ((body.errors ?? []) as Array<{ field: string }>).map((e) => e.field);
}

export interface StoredEvent {
  readonly type: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly country: string;
  readonly classification: string;
  readonly recordedBy: string;
  readonly data: Record<string, unknown>;
}

/** The event row as the event store holds it. */
export async function storedEvent(db: TestDatabase, eventId: string): Promise<StoredEvent | undefined> {
  const { rows } = await db.pool.query<StoredEvent>(
    `SELECT event_type AS "type", stream_id AS "streamId", stream_version AS "streamVersion", country,
            classification, recorded_by AS "recordedBy", data
     FROM events WHERE event_id = $1`,
    [eventId],
  );
  return rows[0];
}

/** How many events the store holds: refused commands must leave it unchanged. */
export function countEvents(db: TestDatabase): Promise<number> {
  return db.count('SELECT count(*) AS n FROM events');
}

/**
 * POSTs a meeting to `country` with an Idempotency-Key of its own, again and again (200 ms apart, same key) until
 * it is acknowledged: one logical command, one event, however many requests a fault turned away. Answers the
 * event id and how many requests were retried.
 */
export async function meetingUntilAcknowledged(
  api: NestFastifyApplication,
  country: string,
  payload: (key: string) => Record<string, unknown>,
): Promise<{ eventId: string; retried: number }> {
  const key = randomUUID();
  for (let retried = 0; ; retried += 1) {
    const response = await api
      .inject({
        method: 'POST',
        url: `/v1/countries/${country}/meetings`,
        payload: payload(key),
        headers: { 'idempotency-key': key },
      })
      .catch(() => undefined);
    if (response?.statusCode === 201) return { eventId: response.json().eventId as string, retried };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
