import { Query } from '@nestjs/cqrs';
import type { DependencyBasis, DomainDependency, NetworkDomain } from '#domain';

export interface DependencyReport {
  readonly country: string;
  readonly asOf: string;
  readonly basis: DependencyBasis;
  /** The domain asked about, or 'all'. */
  readonly domain: NetworkDomain | 'all';
  /** On the value basis, the currency the values are in; null on the units basis or when none is stated. */
  readonly currency: string | null;
  /** The whole network, or the one domain asked about. */
  readonly overall: DomainDependency;
  /** Each domain with equipment in service (NETWORK_DOMAINS order), or just the one asked about. */
  readonly domains: readonly DomainDependency[];
}

/** A country's vendor dependency from the equipment in service at `asOf`, with vendor risk as of then. */
export class GetDependencyQuery extends Query<DependencyReport> {
  constructor(
    readonly country: string,
    readonly asOf: Date,
    readonly basis: DependencyBasis,
    readonly domain: NetworkDomain | undefined,
  ) {
    super();
  }
}
