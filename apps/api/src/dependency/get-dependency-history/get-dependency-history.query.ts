import { Query } from '@nestjs/cqrs';
import type { ConcentrationBand, DependencyBasis, NetworkDomain } from '#domain';

/** An engagement that came before a move in the high-risk share. */
export interface PrecedingEngagement {
  readonly eventId: string;
  readonly eventType: string;
  readonly occurredAt: string;
  readonly headline: string;
}

export interface DependencyPoint {
  readonly at: string;
  readonly highRiskSharePercent: number;
  readonly hhi: number;
  readonly band: ConcentrationBand | null;
  readonly vendorCount: number;
  readonly highRiskInCore: boolean;
  /**
   * Where the high-risk share differs from the previous point's: the engagements since the previous such move
   * (at most lookbackDays back), newest first, at most 20. Null where it did not move.
   */
  readonly preceding: readonly PrecedingEngagement[] | null;
}

export interface DependencyHistory {
  readonly country: string;
  readonly from: string;
  readonly to: string;
  readonly interval: 'month';
  readonly basis: DependencyBasis;
  readonly domain: NetworkDomain | 'all';
  readonly lookbackDays: number;
  readonly points: readonly DependencyPoint[];
}

/** A country's dependency measured at each of `points`, with the engagements that preceded each move. */
export class GetDependencyHistoryQuery extends Query<DependencyHistory> {
  constructor(
    readonly country: string,
    readonly range: { readonly from: string; readonly to: string; readonly interval: 'month' },
    readonly points: readonly Date[],
    readonly basis: DependencyBasis,
    readonly domain: NetworkDomain | undefined,
    readonly lookbackDays: number,
  ) {
    super();
  }
}
