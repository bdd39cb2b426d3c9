import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type pg from 'pg';
import { DomainError, offerLapsesAt, systemActor } from '#domain';
import type { RequestContext } from '../../http/request-context.js';
import { CloseIncentiveOfferCommand } from '../../incentives/close-incentive-offer/close-incentive-offer.command.js';
import { CloseIncentiveOfferRequestDto } from '../../incentives/close-incentive-offer/close-incentive-offer.request.dto.js';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { utcDate } from '../../shared/dates.js';
import { EntryStore } from '../../shared/entry-store.js';
import {
  type JobContext,
  type JobOutcome,
  SCHEDULER_PRINCIPAL,
  type ScheduledJob,
} from '../scheduled-job.js';

/**
 * Offers still `offered` in the current registers whose expiresOn is before `$1` (today, UTC), oldest expiry
 * first, at most `$2` a run. The registers may lag the event store; the decider, reading the stream, has the
 * last word.
 */
const LAPSED_OFFERS = `
SELECT entity_id AS offer_id, state->>'expiresOn' AS expires_on, occurred_at
FROM registers
WHERE known_until IS NULL AND kind = 'incentive-offer' AND status = 'offered'
  AND (state->>'expiresOn')::date < $1::date
ORDER BY (state->>'expiresOn')::date, entity_id
LIMIT $2`;

const PER_RUN = 500;

interface LapsedOffer {
  offer_id: string;
  expires_on: string;
  occurred_at: Date;
}

/**
 * Records IncentiveExpired for every offer whose expiresOn has passed unanswered, as POST
 * /v1/incentive-offers/{id}/expire would, so downstream consumers hear of the lapse. Each is dated at the
 * instant the offer lapsed (the start of the UTC day after expiresOn: see offerLapsesAt, the rule the decider
 * keeps), not when the job ran; its idempotency key names the offer and the expiry, so a re-run after a crash
 * writes nothing twice.
 */
@Injectable()
export class ExpireLapsedOffersJob implements ScheduledJob {
  readonly name = 'expire-lapsed-offers';
  private readonly logger = new Logger(ExpireLapsedOffersJob.name);

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly commandBus: CommandBus,
    private readonly entries: EntryStore,
  ) {}

  async run({ now, correlationId, signal }: JobContext): Promise<JobOutcome> {
    const { rows } = await this.pool.query<LapsedOffer>(LAPSED_OFFERS, [utcDate(now), PER_RUN]);
    const outcome = { done: 0, skipped: 0, failed: 0 };
    for (const offer of rows) {
      if (signal.aborted) break;
      outcome[await this.expire(offer, correlationId)] += 1;
    }
    return outcome;
  }

  private async expire(offer: LapsedOffer, correlationId: string): Promise<keyof JobOutcome> {
    const key = `expire-lapsed-offer:${offer.offer_id}:${offer.expires_on}`;
    const context: RequestContext = {
      actor: systemActor(SCHEDULER_PRINCIPAL),
      recordedBy: SCHEDULER_PRINCIPAL,
      correlationId,
      idempotency: { key, requestHash: createHash('sha256').update(key).digest('hex') },
    };
    if (await this.entries.remembered(context)) return 'skipped';
    // An offer recorded after its own expiry (before that was refused) lapsed the moment it was made.
    const lapsedAt = new Date(
      Math.max(offerLapsesAt(offer.expires_on).getTime(), offer.occurred_at.getTime()),
    );
    const request = Object.assign(new CloseIncentiveOfferRequestDto(), {
      occurredAt: lapsedAt.toISOString(),
      source: `${SCHEDULER_PRINCIPAL}: the offer's terms expire on ${offer.expires_on}`,
      confidence: 'high' as const,
      note: `Lapsed unanswered: the offer expired on ${offer.expires_on}.`,
    });
    try {
      await this.commandBus.execute(
        new CloseIncentiveOfferCommand(offer.offer_id, 'ExpireIncentive', request, context),
      );
      return 'done';
    } catch (error) {
      // Answered, withdrawn, expired or extended meanwhile (the registers lag the stream): nothing to do now.
      if (error instanceof DomainError && (error.kind === 'conflict' || error.code === 'NOT_YET_EXPIRED'))
        return 'skipped';
      this.logger.warn(
        `could not expire offer ${offer.offer_id} (expired on ${offer.expires_on}): ${(error as Error).message}`,
      );
      return 'failed';
    }
  }
}
