import { Query } from '@nestjs/cqrs';
import type { FollowUpStatusFilter, RegisterItem } from '../register-item.js';

/** A follow-up as listed: its state, and whether it is open past its due date. */
export type FollowUpItem = RegisterItem<'follow-up'> & { readonly overdue: boolean };

export interface FollowUpList {
  readonly country: string | null;
  readonly status: FollowUpStatusFilter | null;
  /** The UTC date `overdue` was judged against. */
  readonly today: string;
  readonly items: readonly FollowUpItem[];
}

/** Follow-ups of one country or all, soonest due first; `today` (UTC, YYYY-MM-DD) decides what is overdue. */
export class ListFollowUpsQuery extends Query<FollowUpList> {
  constructor(
    readonly country: string | undefined,
    readonly status: FollowUpStatusFilter | undefined,
    readonly today: string,
  ) {
    super();
  }
}
