import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import {
  COUNTRY_RESPONSE_OBSERVED,
  DIALOGUE_ROUND_CONCLUDED,
  dependencyByDomain,
  ENVOY_MEETING_HELD,
} from '#domain';
import { HHI_BANDS } from '../../dependency/figure-view.request.dto.js';
import { type HoldingsSnapshot, holdingsAt, snapshotOf } from '../../dependency/holdings.js';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { monthsBefore, utcDate } from '../../shared/dates.js';
import { SingleFlight } from '../../shared/single-flight.js';
import { scopeParams } from '../../timeline/read-scope.sql.js';
import { COUNTRY_OVERVIEW, type CountryOverviewRow } from '../countries.sql.js';
import {
  type CountryList,
  type CountryOverview,
  type DependencySummary,
  ListCountriesQuery,
} from './list-countries.query.js';

function summary({ holdings, vendors }: HoldingsSnapshot): DependencySummary[] {
  return dependencyByDomain(holdings, vendors, 'units').map((m) => ({
    domain: m.domain as DependencySummary['domain'],
    unitKind: m.unitKind,
    total: m.total as number, // the units basis: a count
    highRiskSharePercent: m.highRiskSharePercent,
    unknownRiskSharePercent: m.unknownRiskSharePercent,
    hhi: m.hhi,
    band: m.band,
  }));
}

function toOverview(row: CountryOverviewRow, dependency: CountryOverview['dependency']): CountryOverview {
  return {
    country: row.country,
    lastEngagement:
      row.engagement_event_id && row.engagement_occurred_at
        ? {
            eventId: row.engagement_event_id,
            occurredAt: row.engagement_occurred_at.toISOString(),
            headline: row.engagement_headline ?? '',
          }
        : null,
    stance:
      row.stance_event_id && row.stance_occurred_at
        ? {
            stance: row.stance ?? '',
            occurredAt: row.stance_occurred_at.toISOString(),
            eventId: row.stance_event_id,
          }
        : null,
    openFollowUps: row.open_follow_ups,
    overdueFollowUps: row.overdue_follow_ups,
    openOffers: row.open_offers,
    dependency,
  };
}

@QueryHandler(ListCountriesQuery)
export class ListCountriesHandler implements IQueryHandler<ListCountriesQuery> {
  /** Overviews as they stand being computed, by reader's view: readers asking at once share one. */
  private readonly latest = new SingleFlight<CountryList>();

  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  /**
   * An overview as it stands is shared by the readers of the same view (clearance, countries, risk list) who ask
   * while it is being computed: its knownAt, the instant the first of them asked, is then a moment before the
   * others' requests, and says so. An overview as known at a given time is computed for its reader.
   */
  execute(query: ListCountriesQuery): Promise<CountryList> {
    if (!query.latest) return this.overview(query);
    const { maxRank, countries } = query.scope;
    const key = JSON.stringify([query.riskList, maxRank, countries === null ? null : [...countries].sort()]);
    return this.latest.run(key, () => this.overview(query));
  }

  private async overview({ knownAt: now, riskList, scope }: ListCountriesQuery): Promise<CountryList> {
    const points = [now, monthsBefore(now, 12)];
    const [overview, byCountry] = await Promise.all([
      this.pool.query<CountryOverviewRow>(COUNTRY_OVERVIEW, [
        [ENVOY_MEETING_HELD, DIALOGUE_ROUND_CONCLUDED],
        COUNTRY_RESPONSE_OBSERVED,
        utcDate(now),
        now,
        ...scopeParams(scope),
      ]),
      holdingsAt(this.pool, { country: null, points, domain: null, knownAt: now, riskList, scope }),
    ]);
    return {
      asOf: now.toISOString(),
      knownAt: now.toISOString(),
      riskList,
      dependencyScope: 'each network domain apart, units basis, one figure per unit kind',
      hhiBands: HHI_BANDS,
      countries: overview.rows.map((row) =>
        toOverview(row, {
          now: summary(snapshotOf(byCountry, row.country, 0)),
          twelveMonthsAgo: summary(snapshotOf(byCountry, row.country, 1)),
        }),
      ),
    };
  }
}
