import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { dependencyByDomain, dependencyMetrics } from '#domain';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { currencyOf, holdingsAt, snapshotOf } from '../holdings.js';
import { type DependencyReport, GetDependencyQuery } from './get-dependency.query.js';

@QueryHandler(GetDependencyQuery)
export class GetDependencyHandler implements IQueryHandler<GetDependencyQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ country, asOf, basis, domain }: GetDependencyQuery): Promise<DependencyReport> {
    const byCountry = await holdingsAt(this.pool, { country, points: [asOf], domain: domain ?? null });
    const { holdings, vendors } = snapshotOf(byCountry, country, 0);
    const overall = dependencyMetrics(holdings, vendors, basis, domain ?? 'all');
    return {
      country,
      asOf: asOf.toISOString(),
      basis,
      domain: domain ?? 'all',
      currency: basis === 'value' ? currencyOf(holdings) : null,
      overall,
      domains: domain ? [overall] : dependencyByDomain(holdings, vendors, basis),
    };
  }
}
