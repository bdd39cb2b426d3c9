import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { dependencyByDomain, dependencyFigures } from '#domain';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { HHI_BANDS } from '../figure-view.request.dto.js';
import { holdingsAt, snapshotOf } from '../holdings.js';
import { type DependencyReport, GetDependencyQuery } from './get-dependency.query.js';

@QueryHandler(GetDependencyQuery)
export class GetDependencyHandler implements IQueryHandler<GetDependencyQuery> {
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetDependencyQuery): Promise<DependencyReport> {
    const { country, asOf, knownAt, basis, domain, riskList, scope } = query;
    const byCountry = await holdingsAt(this.pool, {
      country,
      points: [asOf],
      domain: domain === 'all' ? null : domain,
      knownAt,
      riskList,
      scope,
    });
    const { holdings, vendors } = snapshotOf(byCountry, country, 0);
    const figures = dependencyFigures(holdings, vendors, basis, domain);
    return {
      country,
      asOf: asOf.toISOString(),
      knownAt: knownAt.toISOString(),
      basis,
      riskList,
      hhiBands: HHI_BANDS,
      domain,
      figures,
      domains: domain === 'all' ? dependencyByDomain(holdings, vendors, basis) : figures,
    };
  }
}
