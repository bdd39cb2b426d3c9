import { Query } from '@nestjs/cqrs';
import type {
  ConcentrationBand,
  DependencyBasis,
  FigureAmount,
  FigureSummary,
  HistoryScope,
  MoveCause,
  NetworkDomain,
  ReadScope,
  RiskList,
  UnitKind,
  VendorShare,
} from '#domain';

/** An entry dated before a move, within its lookback. */
export interface PrecedingEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly occurredAt: string;
  readonly headline: string;
}

/** What preceded a move, by whose action it was; newest first, at most 20 of each. */
export interface Preceding {
  /** Our engagements: meetings, dialogue rounds, follow-ups, offers and their fate, technical support. */
  readonly ours: readonly PrecedingEntry[];
  /** The country's own actions: observed responses, accepting or declining an offer. */
  readonly country: readonly PrecedingEntry[];
  /** Rivals' competing offers. */
  readonly rivals: readonly PrecedingEntry[];
}

/** One change of the figure, its causes, and what preceded it. */
export interface DependencyMove {
  readonly at: string;
  /** The contract events (award, amendment, replacement, termination, period end) or reclassifications. */
  readonly causes: readonly MoveCause[];
  readonly before: FigureSummary;
  readonly after: FigureSummary;
  /**
   * Entries dated in [at − lookbackDays, at). Null for a move caused only by a vendor's reclassification: a
   * change of list is not the country's move and is credited to no engagement.
   */
  readonly preceding: Preceding | null;
}

export interface DependencyPoint {
  readonly at: string;
  /** A count on the units basis; money (amount, minor, currency) on the value basis. */
  readonly total: FigureAmount;
  readonly highRiskSharePercent: number;
  readonly unknownRiskSharePercent: number;
  readonly hhi: number;
  readonly band: ConcentrationBand | null;
  readonly vendorCount: number;
  readonly highRiskInCore: boolean;
  readonly vendors: readonly VendorShare[];
  /** Every move of the figure since the previous point (after it, up to and including this point). */
  readonly moves: readonly DependencyMove[];
}

/** One figure over time: a domain (or all domains summed) in one unit kind or currency. */
export interface DependencySeriesView {
  readonly domain: NetworkDomain | 'all';
  readonly unitKind: UnitKind | null;
  readonly currency: string | null;
  readonly points: readonly DependencyPoint[];
}

export interface DependencyHistory {
  readonly country: string;
  readonly from: string;
  readonly to: string;
  readonly interval: 'month';
  readonly basis: DependencyBasis;
  /** `each` (the default: every domain apart), `all`, or the one domain asked about. */
  readonly domain: HistoryScope;
  readonly riskList: RiskList;
  readonly knownAt: string;
  readonly lookbackDays: number;
  readonly hhiBands: string;
  readonly series: readonly DependencySeriesView[];
}

/**
 * A country's dependency measured at each of `points`, with every move, its causes and what preceded it, from the
 * contracts and entries the reader may see alone.
 */
export class GetDependencyHistoryQuery extends Query<DependencyHistory> {
  constructor(
    readonly country: string,
    readonly range: { readonly from: string; readonly to: string; readonly interval: 'month' },
    readonly points: readonly Date[],
    readonly basis: DependencyBasis,
    readonly scope: HistoryScope,
    readonly lookbackDays: number,
    readonly knownAt: Date,
    readonly riskList: RiskList,
    /** Who reads: its clearance and countries. */
    readonly reader: ReadScope,
  ) {
    super();
  }
}
