import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { type DomainDependency, dependencyMetrics } from '#domain';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { daysBefore } from '../../shared/dates.js';
import { ENGAGEMENTS_IN_WINDOWS, type EngagementRow } from '../dependency.sql.js';
import { ENGAGEMENT_EVENT_TYPES } from '../engagement-types.js';
import { holdingsAt, snapshotOf } from '../holdings.js';
import {
  type DependencyHistory,
  type DependencyPoint,
  GetDependencyHistoryQuery,
  type PrecedingEngagement,
} from './get-dependency-history.query.js';

/** Engagements listed before one move. */
const PRECEDING_LIMIT = 20;

/** The span of engagements that preceded the move seen at a point (1-based `ord`). */
interface Window {
  readonly ord: number;
  readonly after: Date;
  readonly upTo: Date;
}

/** The figures at one point of the series (1-based `ord`). */
interface Measured {
  readonly ord: number;
  readonly at: Date;
  readonly metrics: DomainDependency;
}

/**
 * One window per point whose high-risk share differs from the previous point's: after the previous such move
 * (or lookbackDays before the point, whichever is later), up to the point.
 */
function moveWindows(measured: readonly Measured[], lookbackDays: number): Window[] {
  const windows: Window[] = [];
  let previousMove: Date | undefined;
  measured.forEach(({ ord, at, metrics }, i) => {
    const before = measured[i - 1];
    if (!before || before.metrics.highRiskSharePercent === metrics.highRiskSharePercent) return;
    const lookback = daysBefore(at, lookbackDays);
    windows.push({ ord, after: previousMove && previousMove > lookback ? previousMove : lookback, upTo: at });
    previousMove = at;
  });
  return windows;
}

@QueryHandler(GetDependencyHistoryQuery)
export class GetDependencyHistoryHandler implements IQueryHandler<GetDependencyHistoryQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetDependencyHistoryQuery): Promise<DependencyHistory> {
    const { country, points, basis, domain, lookbackDays } = query;
    const byCountry = await holdingsAt(this.pool, { country, points, domain: domain ?? null });
    const measured: Measured[] = points.map((at, i) => {
      const { holdings, vendors } = snapshotOf(byCountry, country, i);
      return { ord: i + 1, at, metrics: dependencyMetrics(holdings, vendors, basis, domain ?? 'all') };
    });
    const windows = moveWindows(measured, lookbackDays);
    const preceding = await this.engagementsIn(country, windows);
    return {
      country,
      ...query.range,
      basis,
      domain: domain ?? 'all',
      lookbackDays,
      points: measured.map(
        ({ ord, at, metrics }): DependencyPoint => ({
          at: at.toISOString(),
          highRiskSharePercent: metrics.highRiskSharePercent,
          hhi: metrics.hhi,
          band: metrics.band,
          vendorCount: metrics.vendorCount,
          highRiskInCore: metrics.highRiskInCore,
          preceding: windows.some((w) => w.ord === ord) ? (preceding.get(ord) ?? []) : null,
        }),
      ),
    };
  }

  private async engagementsIn(
    country: string,
    windows: readonly Window[],
  ): Promise<Map<number, PrecedingEngagement[]>> {
    const byPoint = new Map<number, PrecedingEngagement[]>();
    if (windows.length === 0) return byPoint;
    const { rows } = await this.pool.query<EngagementRow>(ENGAGEMENTS_IN_WINDOWS, [
      country,
      windows.map((w) => w.ord),
      windows.map((w) => w.after),
      windows.map((w) => w.upTo),
      ENGAGEMENT_EVENT_TYPES,
      PRECEDING_LIMIT,
    ]);
    for (const row of rows) {
      const list = byPoint.get(row.ord) ?? [];
      list.push({
        eventId: row.event_id,
        eventType: row.event_type,
        occurredAt: row.occurred_at.toISOString(),
        headline: row.headline,
      });
      byPoint.set(row.ord, list);
    }
    return byPoint;
  }
}
