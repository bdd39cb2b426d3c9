import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { OFFER_EXPIRING } from '#contracts';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { utcDate } from '../../shared/dates.js';
import { Announcements } from '../derived/announcements.js';
import type { JobContext, JobOutcome, ScheduledJob } from '../scheduled-job.js';

/** How far ahead an open offer's expiry is announced. */
export const OFFER_EXPIRY_WINDOW_DAYS = 14;

/**
 * Offers still `offered` in the current registers whose expiresOn falls from `$1` (today, UTC) to `$1 + $3` days,
 * not yet announced with that expiry, soonest first, at most `$2` a run.
 */
const EXPIRING_OFFERS = `
SELECT r.entity_id, r.country, r.classification, r.state->>'expiresOn' AS expires_on,
       ((r.state->>'expiresOn')::date - $1::date) AS days_left, r.state->>'agency' AS agency,
       r.state->>'description' AS description
FROM registers r
WHERE r.known_until IS NULL AND r.kind = 'incentive-offer' AND r.status = 'offered'
  AND (r.state->>'expiresOn')::date BETWEEN $1::date AND $1::date + $3::int
  AND NOT EXISTS (SELECT 1 FROM derived_announcements a
                  WHERE a.kind = '${OFFER_EXPIRING}' AND a.subject = r.entity_id
                    AND a.fingerprint = r.state->>'expiresOn')
ORDER BY (r.state->>'expiresOn')::date, r.entity_id
LIMIT $2`;

const PER_RUN = 500;

interface ExpiringRow {
  entity_id: string;
  country: string;
  classification: string;
  expires_on: string;
  days_left: number;
  agency: string;
  description: string;
}

/**
 * Announces OfferExpiring (a derived event, on the derived topic of the offer's level) once for each open offer
 * whose expiry date comes within OFFER_EXPIRY_WINDOW_DAYS; an offer whose date is amended is announced again.
 */
@Injectable()
export class AnnounceExpiringOffersJob implements ScheduledJob {
  readonly name = 'announce-expiring-offers';

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly announcements: Announcements,
  ) {}

  async run({ now, signal }: JobContext): Promise<JobOutcome> {
    const { rows } = await this.pool.query<ExpiringRow>(EXPIRING_OFFERS, [
      utcDate(now),
      PER_RUN,
      OFFER_EXPIRY_WINDOW_DAYS,
    ]);
    const outcome = { done: 0, skipped: 0, failed: 0 };
    for (const row of rows) {
      if (signal.aborted) break;
      const result = await this.announcements.announce(
        {
          type: OFFER_EXPIRING,
          subject: row.entity_id,
          country: row.country,
          level: row.classification,
          fingerprint: row.expires_on,
          time: now,
          data: () => ({
            offerId: row.entity_id,
            country: row.country,
            expiresOn: row.expires_on,
            daysLeft: row.days_left,
            agency: row.agency,
            description: row.description,
          }),
        },
        now,
      );
      outcome[result] += 1;
    }
    return outcome;
  }
}
