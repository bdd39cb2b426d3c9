import { Query } from '@nestjs/cqrs';
import type { ConcentrationBand, NetworkDomain, ReadScope, RiskList, UnitKind } from '#domain';

/** One headline dependency figure: a domain, on the units basis, in one unit kind. */
export interface DependencySummary {
  readonly domain: NetworkDomain;
  readonly unitKind: UnitKind | null;
  readonly total: number;
  readonly highRiskSharePercent: number;
  readonly unknownRiskSharePercent: number;
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
  /** Open follow-ups due before the day of `asOf` (UTC). */
  readonly overdueFollowUps: number;
  /** Incentive offers still awaiting an answer and not past their expiresOn. */
  readonly openOffers: number;
  /** Per domain and unit kind (units basis; sites are never added to units), now and 12 months before. */
  readonly dependency: {
    readonly now: readonly DependencySummary[];
    readonly twelveMonthsAgo: readonly DependencySummary[];
  };
}

export interface CountryList {
  /** The day the overview describes: the reader's knownAt, or now. */
  readonly asOf: string;
  /** What we had recorded by then. */
  readonly knownAt: string;
  readonly riskList: RiskList;
  /** How the dependency figures are scoped: each network domain apart, on the units basis. */
  readonly dependencyScope: string;
  readonly hhiBands: string;
  readonly countries: readonly CountryOverview[];
}

/**
 * Every country with any activity the reader may see, with what leadership checks first, as known at `knownAt`:
 * the countries of `scope`, each counted and measured from the entries at most its clearance.
 */
export class ListCountriesQuery extends Query<CountryList> {
  constructor(
    readonly knownAt: Date,
    readonly riskList: RiskList,
    readonly scope: ReadScope,
    /** The reader asked for the overview as it stands (no knownAt): one computed a moment before will do. */
    readonly latest = false,
  ) {
    super();
  }
}
