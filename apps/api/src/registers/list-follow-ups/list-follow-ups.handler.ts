import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { FOLLOW_UPS, type RegisterRow, toRegisterItem } from '../registers.sql.js';
import { type FollowUpList, ListFollowUpsQuery } from './list-follow-ups.query.js';

@QueryHandler(ListFollowUpsQuery)
export class ListFollowUpsHandler implements IQueryHandler<ListFollowUpsQuery> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ country, status, view }: ListFollowUpsQuery): Promise<FollowUpList> {
    // Overdue is a part of open: the open ones due before today.
    const registerStatus = status === 'overdue' ? 'open' : (status ?? null);
    const { rows } = await this.pool.query<RegisterRow & { overdue: boolean }>(FOLLOW_UPS, [
      country ?? null,
      registerStatus,
      view.today,
      status === 'overdue',
      view.knownAt,
    ]);
    return {
      country: country ?? null,
      status: status ?? null,
      knownAt: view.knownAt.toISOString(),
      today: view.today,
      items: rows.map((row) => ({ ...toRegisterItem<'follow-up'>(row), overdue: row.overdue })),
    };
  }
}
