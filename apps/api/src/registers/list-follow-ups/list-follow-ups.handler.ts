import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { scopeParams } from '../../timeline/read-scope.sql.js';
import { encodeFollowUpCursor } from '../register-cursor.js';
import { followUpItem, type RegisterStates } from '../register-item.js';
import { FOLLOW_UPS_PAGE, type FollowUpRow } from '../registers.sql.js';
import { type FollowUpList, ListFollowUpsQuery } from './list-follow-ups.query.js';

@QueryHandler(ListFollowUpsQuery)
export class ListFollowUpsHandler implements IQueryHandler<ListFollowUpsQuery> {
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute({
    country,
    status,
    page: { view, limit, after },
    scope,
  }: ListFollowUpsQuery): Promise<FollowUpList> {
    // Overdue is a part of open: the open ones due before today.
    const registerStatus = status === 'overdue' ? 'open' : (status ?? null);
    const { rows } = await this.pool.query<FollowUpRow<RegisterStates['follow-up']>>(FOLLOW_UPS_PAGE, [
      country ?? null,
      registerStatus,
      view.today,
      status === 'overdue',
      view.knownAt,
      after?.dueDate ?? null,
      after?.occurredAt ?? null,
      after?.streamId ?? null,
      limit + 1,
      ...scopeParams(scope),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      country: country ?? null,
      status: status ?? null,
      knownAt: view.knownAt.toISOString(),
      today: view.today,
      items: page.map(followUpItem),
      nextCursor:
        rows.length > limit && last
          ? encodeFollowUpCursor(view.knownAt, {
              dueDate: last.due_date,
              occurredAt: last.occurred_at.toISOString(),
              streamId: last.stream_id,
            })
          : null,
    };
  }
}
