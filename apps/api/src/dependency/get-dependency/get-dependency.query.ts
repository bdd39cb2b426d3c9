import { Query } from '@nestjs/cqrs';
import type { DependencyBasis, DomainDependency, NetworkDomain, ReadScope, RiskList } from '#domain';

export interface DependencyReport {
  readonly country: string;
  readonly asOf: string;
  /** The figures as we had recorded them by then. */
  readonly knownAt: string;
  readonly basis: DependencyBasis;
  /** Which flags count as high-risk: each vendor's on `asOf`, or today's (as of knownAt) for all of history. */
  readonly riskList: RiskList;
  /** The bands `band` is placed in. */
  readonly hhiBands: string;
  /** The domain asked about, or 'all' (every domain summed, still one figure per unit kind or currency). */
  readonly domain: NetworkDomain | 'all';
  /** The scope asked about: one figure per unit kind (units basis) or currency (value basis). */
  readonly figures: readonly DomainDependency[];
  /** Each domain with equipment in service (NETWORK_DOMAINS order), one figure per unit kind or currency. */
  readonly domains: readonly DomainDependency[];
}

/**
 * A country's vendor dependency from the equipment in service at `asOf`, as known at `knownAt`, computed from the
 * contracts the reader (`scope`) may see alone.
 */
export class GetDependencyQuery extends Query<DependencyReport> {
  constructor(
    readonly country: string,
    readonly asOf: Date,
    readonly knownAt: Date,
    readonly basis: DependencyBasis,
    readonly domain: NetworkDomain | 'all',
    readonly riskList: RiskList,
    readonly scope: ReadScope,
  ) {
    super();
  }
}
