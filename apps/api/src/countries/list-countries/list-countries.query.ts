import { Query } from '@nestjs/cqrs';
import type { ConcentrationBand } from '#domain';

/** Headline dependency figures (units basis, all domains); null when no equipment is on record then. */
export interface DependencySummary {
  readonly highRiskSharePercent: number;
  readonly hhi: number;
  readonly band: ConcentrationBand | null;
}

export interface CountryOverview {
  readonly country: string;
  /** The latest envoy meeting or dialogue round. */
  readonly lastEngagement: { eventId: string; occurredAt: string; headline: string } | null;
  /** The latest observed country response. */
  readonly stance: { stance: string; occurredAt: string; eventId: string } | null;
  /** All open follow-ups, overdue ones included. */
  readonly openFollowUps: number;
  /** Open follow-ups due before today (UTC). */
  readonly overdueFollowUps: number;
  /** Incentive offers still awaiting an answer. */
  readonly openOffers: number;
  readonly dependency: {
    readonly now: DependencySummary | null;
    readonly twelveMonthsAgo: DependencySummary | null;
  };
}

export interface CountryList {
  /** When `now` was. */
  readonly asOf: string;
  readonly countries: readonly CountryOverview[];
}

/** Every country with any activity, with what leadership checks first. `now` fixes today and the year-ago date. */
export class ListCountriesQuery extends Query<CountryList> {
  constructor(readonly now: Date) {
    super();
  }
}
