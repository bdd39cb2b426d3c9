import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { HIGH_RISK_SHARE_CHANGED } from '#contracts';
import { CLASSIFICATIONS, classificationRank, dependencyByDomain } from '#domain';
import { holdingsAt } from '../../dependency/holdings.js';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { Announcements } from '../derived/announcements.js';
import type { JobContext, JobOutcome, ScheduledJob } from '../scheduled-job.js';

/**
 * The highest classification rank (up to `$1`) among the current ledger rows of each country, domain and unit
 * kind in effect by `$2`: the level a figure computed from the contracts up to rank `$1` is classified at.
 */
const FIGURE_RANKS = `
SELECT country, domain, unit_kind, max(classification_rank)::int AS rank
FROM contract_holdings
WHERE known_until IS NULL AND classification_rank <= $1 AND effective_at <= $2
GROUP BY country, domain, unit_kind`;

/**
 * Announces HighRiskShareChanged when a country's high-risk share of a network domain (units basis, per unit kind)
 * differs from the share last announced, as the equipment in service stands now and as recorded now. Each level
 * has its own figures: those from the contracts up to that level, announced on that level's derived topic when
 * the highest level among their contracts is that level (a figure no contract of a level touches is the lower
 * level's figure, announced there). A figure that first appears with no high-risk share is not announced.
 */
@Injectable()
export class AnnounceHighRiskSharesJob implements ScheduledJob {
  readonly name = 'announce-high-risk-shares';

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly announcements: Announcements,
  ) {}

  async run({ now, signal }: JobContext): Promise<JobOutcome> {
    const outcome = { done: 0, skipped: 0, failed: 0 };
    for (const level of CLASSIFICATIONS) {
      if (signal.aborted) break;
      const rank = classificationRank(level);
      const { rows } = await this.pool.query<{
        country: string;
        domain: string;
        unit_kind: string;
        rank: number;
      }>(FIGURE_RANKS, [rank, now]);
      const atThisLevel = new Set(
        rows.filter((r) => r.rank === rank).map((r) => `${r.country}/${r.domain}/${r.unit_kind}`),
      );
      if (atThisLevel.size === 0) continue;
      const byCountry = await holdingsAt(this.pool, {
        country: null,
        points: [now],
        domain: null,
        knownAt: now,
        riskList: 'current',
        scope: { countries: null, maxRank: rank },
      });
      for (const [country, [snapshot]] of byCountry) {
        if (!snapshot) continue;
        for (const figure of dependencyByDomain(snapshot.holdings, snapshot.vendors, 'units')) {
          const subject = `${country}/${figure.domain}/${figure.unitKind}`;
          if (!atThisLevel.has(subject) || figure.domain === 'all' || figure.unitKind === null) continue;
          const share = figure.highRiskSharePercent;
          const result = await this.announcements.announce(
            {
              type: HIGH_RISK_SHARE_CHANGED,
              subject,
              country,
              level,
              fingerprint: String(share),
              time: now,
              value: { sharePercent: share },
              data: (previous) => {
                const before = typeof previous?.sharePercent === 'number' ? previous.sharePercent : null;
                return {
                  country,
                  domain: figure.domain as Exclude<typeof figure.domain, 'all'>,
                  unitKind: figure.unitKind as NonNullable<typeof figure.unitKind>,
                  previousSharePercent: before,
                  sharePercent: share,
                  direction: share > (before ?? 0) ? 'rose' : 'fell',
                  total: Number(figure.total),
                  hhi: figure.band === null ? null : figure.hhi,
                  highRiskInCore: figure.highRiskInCore,
                  highRiskVendors: figure.vendors
                    .filter((v) => v.highRisk === true)
                    .map((v) => ({ vendorId: v.vendorId, name: v.name, sharePercent: v.sharePercent }))
                    .sort((a, b) => b.sharePercent - a.sharePercent),
                };
              },
              skipUnless: (previous) => previous !== undefined || share > 0,
            },
            now,
          );
          outcome[result] += 1;
        }
      }
    }
    return outcome;
  }
}
