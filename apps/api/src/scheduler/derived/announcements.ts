import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { AppConfig } from '#config';
import {
  assertEventData,
  type DerivedDataByType,
  type DerivedEvent,
  type DerivedEventType,
  derivedEventHeaders,
  derivedTopic,
} from '#contracts';
import { enqueueAfterCommit, withTransaction } from '#event-store';
import { APP_CONFIG, PG_POOL } from '../../infrastructure/tokens.js';

const LAST_ANNOUNCED = `
SELECT fingerprint, value FROM derived_announcements WHERE kind = $1 AND subject = $2 AND level = $3 FOR UPDATE`;

const REMEMBER = `
INSERT INTO derived_announcements (kind, subject, level, fingerprint, value, announced_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (kind, subject, level)
DO UPDATE SET fingerprint = excluded.fingerprint, value = excluded.value, announced_at = excluded.announced_at`;

/** A UUID (version 5 layout) from a fact: a repeat of one announcement carries the same `ce_id`. */
export function factId(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One fact to announce, unless its subject was last announced with the same fingerprint. */
export interface Announcement<T extends DerivedEventType> {
  readonly type: T;
  readonly subject: string;
  readonly country: string;
  readonly level: string;
  /** What makes a new announcement of the same subject: a new expiry date, a new share. */
  readonly fingerprint: string;
  /** When the fact became true. */
  readonly time: Date;
  /** Builds the data from what was last announced of this subject (its `value`), if anything. */
  readonly data: (previous: Record<string, unknown> | undefined) => DerivedDataByType[T];
  /** Kept with the claim, for the next announcement of this subject. */
  readonly value?: Record<string, unknown>;
  /** Whether this is worth announcing given what was last announced (by default, anything new is). */
  readonly skipUnless?: (previous: Record<string, unknown> | undefined) => boolean;
}

/**
 * Announces derived events: each claim (derived_announcements) and its record (queued in projector_outbox for the
 * projector to publish after commit, on the derived topic of its level) in one transaction, so a record is
 * queued exactly when its claim commits, and a run after a crash announces nothing twice.
 */
@Injectable()
export class Announcements {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 'done' when announced now; 'skipped' when this fingerprint was the last announced of its subject. */
  async announce<T extends DerivedEventType>(
    announcement: Announcement<T>,
    now: Date,
  ): Promise<'done' | 'skipped'> {
    const { type, subject, level, fingerprint } = announcement;
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ fingerprint: string; value: Record<string, unknown> }>(
        LAST_ANNOUNCED,
        [type, subject, level],
      );
      const last = rows[0];
      if (last?.fingerprint === fingerprint) return 'skipped';
      if (announcement.skipUnless && !announcement.skipUnless(last?.value)) return 'skipped';
      const event: DerivedEvent<T> = {
        id: factId(type, subject, level, fingerprint),
        type,
        schemaVersion: 1,
        country: announcement.country,
        classification: level,
        time: announcement.time.toISOString(),
        derivedAt: now.toISOString(),
        subject,
        data: announcement.data(last?.value),
      };
      // A record that breaks its own published schema is a bug here, never something consumers must cope with.
      assertEventData(type, event.schemaVersion, event.data);
      await client.query(REMEMBER, [type, subject, level, fingerprint, announcement.value ?? {}, now]);
      await enqueueAfterCommit(client, [
        {
          topic: derivedTopic(this.config.kafka.topicPrefix, level),
          key: announcement.country,
          value: JSON.stringify(event.data),
          headers: derivedEventHeaders(event as DerivedEvent, this.config.publicBaseUrl),
        },
      ]);
      return 'done';
    });
  }
}
