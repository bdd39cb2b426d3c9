import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { FOLLOW_UP_BECAME_OVERDUE } from '#contracts';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { utcDate } from '../../shared/dates.js';
import { Announcements } from '../derived/announcements.js';
import type { JobContext, JobOutcome, ScheduledJob } from '../scheduled-job.js';

/**
 * Follow-ups still open in the current registers whose due date is before `$1` (today, UTC) and that were not
 * announced yet, oldest due first, at most `$2` a run.
 */
const OVERDUE_FOLLOW_UPS = `
SELECT r.entity_id, r.country, r.classification, r.due_date::text AS due_date, r.state->>'owner' AS owner,
       r.state->>'action' AS action, r.state->>'sourceEventId' AS source_event_id
FROM registers r
WHERE r.known_until IS NULL AND r.kind = 'follow-up' AND r.status = 'open' AND r.due_date < $1::date
  AND NOT EXISTS (SELECT 1 FROM derived_announcements a
                  WHERE a.kind = '${FOLLOW_UP_BECAME_OVERDUE}' AND a.subject = r.entity_id)
ORDER BY r.due_date, r.entity_id
LIMIT $2`;

const PER_RUN = 500;
const DAY_MS = 86_400_000;

interface OverdueRow {
  entity_id: string;
  country: string;
  classification: string;
  due_date: string;
  owner: string;
  action: string;
  source_event_id: string;
}

/**
 * Announces FollowUpBecameOverdue (a derived event, on the derived topic of the follow-up's level) once for each
 * open follow-up past its due date, dated the start of the UTC day after it was due.
 */
@Injectable()
export class AnnounceOverdueFollowUpsJob implements ScheduledJob {
  readonly name = 'announce-overdue-follow-ups';

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly announcements: Announcements,
  ) {}

  async run({ now, signal }: JobContext): Promise<JobOutcome> {
    const { rows } = await this.pool.query<OverdueRow>(OVERDUE_FOLLOW_UPS, [utcDate(now), PER_RUN]);
    const outcome = { done: 0, skipped: 0, failed: 0 };
    for (const row of rows) {
      if (signal.aborted) break;
      const result = await this.announcements.announce(
        {
          type: FOLLOW_UP_BECAME_OVERDUE,
          subject: row.entity_id,
          country: row.country,
          level: row.classification,
          fingerprint: row.due_date,
          time: new Date(Date.parse(`${row.due_date}T00:00:00Z`) + DAY_MS),
          data: () => ({
            followUpId: row.entity_id,
            country: row.country,
            sourceEventId: row.source_event_id,
            owner: row.owner,
            action: row.action,
            dueDate: row.due_date,
          }),
        },
        now,
      );
      outcome[result] += 1;
    }
    return outcome;
  }
}
