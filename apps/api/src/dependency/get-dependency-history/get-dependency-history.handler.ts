import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import {
  dependencySeries,
  type EngagementRole,
  eventTypesWithRole,
  type Move,
  type ReadScope,
} from '#domain';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { daysBefore } from '../../shared/dates.js';
import { scopeParams } from '../../timeline/read-scope.sql.js';
import { ENTRIES_IN_WINDOWS, type EntryRow } from '../dependency.sql.js';
import { HHI_BANDS } from '../figure-view.request.dto.js';
import { ledgerRange, vendorRegistry } from '../holdings.js';
import {
  type DependencyHistory,
  type DependencyMove,
  GetDependencyHistoryQuery,
  type Preceding,
  type PrecedingEntry,
} from './get-dependency-history.query.js';

/** Entries listed of each kind before one move. */
const PRECEDING_LIMIT = 20;

const ROLES: readonly { readonly role: EngagementRole; readonly key: keyof Preceding }[] = [
  { role: 'ours', key: 'ours' },
  { role: 'country', key: 'country' },
  { role: 'rival', key: 'rivals' },
];

/** A move is credited to engagements only when a contract event caused it, not a list change alone. */
function creditable(move: Move): boolean {
  return move.causes.some((c) => c.kind === 'contract');
}

@QueryHandler(GetDependencyHistoryQuery)
export class GetDependencyHistoryHandler implements IQueryHandler<GetDependencyHistoryQuery> {
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetDependencyHistoryQuery): Promise<DependencyHistory> {
    const { country, points, basis, scope, lookbackDays, knownAt, riskList, reader } = query;
    const first = points[0] ?? knownAt;
    const last = points.at(-1) ?? knownAt;
    const domain = scope === 'all' || scope === 'each' ? null : scope;
    const { opening, ledger } = await ledgerRange(this.pool, {
      country,
      from: first,
      upTo: last,
      knownAt,
      domain,
      scope: reader,
    });
    const registry = await vendorRegistry(
      this.pool,
      [...opening, ...ledger].map((r) => r.vendorId),
      knownAt,
    );
    const series = dependencySeries({
      opening,
      ledger,
      classifications: registry.classifications,
      identities: registry.identities,
      points,
      basis,
      scope,
      riskList,
    });
    const moves = series.flatMap((s) => s.points.flatMap((p) => p.moves)).filter(creditable);
    const preceding = await this.precedingEach(country, moves, lookbackDays, knownAt, reader);
    const view = (move: Move): DependencyMove => ({
      at: move.at.toISOString(),
      causes: move.causes,
      before: move.before,
      after: move.after,
      preceding: creditable(move) ? (preceding.get(move) ?? { ours: [], country: [], rivals: [] }) : null,
    });
    return {
      country,
      ...query.range,
      basis,
      domain: scope,
      riskList,
      knownAt: knownAt.toISOString(),
      lookbackDays,
      hhiBands: HHI_BANDS,
      series: series.map((s) => ({
        domain: s.domain,
        unitKind: s.unitKind,
        currency: s.currency,
        points: s.points.map(({ at, figure, moves: pointMoves }) => ({
          at: at.toISOString(),
          total: figure.total,
          highRiskSharePercent: figure.highRiskSharePercent,
          unknownRiskSharePercent: figure.unknownRiskSharePercent,
          hhi: figure.hhi,
          band: figure.band,
          vendorCount: figure.vendorCount,
          highRiskInCore: figure.highRiskInCore,
          vendors: figure.vendors,
          moves: pointMoves.map(view),
        })),
      })),
    };
  }

  /**
   * For each move, the entries dated in [move − lookbackDays, move) known at `knownAt`, by role: only those the
   * reader may see.
   */
  private async precedingEach(
    country: string,
    moves: readonly Move[],
    lookbackDays: number,
    knownAt: Date,
    reader: ReadScope,
  ): Promise<Map<Move, Preceding>> {
    const result = new Map<
      Move,
      { ours: PrecedingEntry[]; country: PrecedingEntry[]; rivals: PrecedingEntry[] }
    >(moves.map((m) => [m, { ours: [], country: [], rivals: [] }]));
    if (moves.length === 0) return result;
    for (const { role, key } of ROLES) {
      const { rows } = await this.pool.query<EntryRow>(ENTRIES_IN_WINDOWS, [
        country,
        moves.map((_, i) => i),
        moves.map((m) => daysBefore(m.at, lookbackDays)),
        moves.map((m) => m.at),
        eventTypesWithRole(role),
        PRECEDING_LIMIT,
        knownAt,
        ...scopeParams(reader),
      ]);
      for (const row of rows) {
        const move = moves[row.ord];
        if (!move) continue;
        result.get(move)?.[key].push({
          eventId: row.event_id,
          eventType: row.event_type,
          occurredAt: row.occurred_at.toISOString(),
          headline: row.headline,
        });
      }
    }
    return result;
  }
}
