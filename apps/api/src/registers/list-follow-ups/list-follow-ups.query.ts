import { Query } from '@nestjs/cqrs';
import type { FollowUpStatusFilter, RegisterItem } from '../register-item.js';
import type { RegisterView } from '../register-read.request.dto.js';

/** A follow-up as listed: its state, and whether it is open past its due date. */
export type FollowUpItem = RegisterItem<'follow-up'> & { readonly overdue: boolean };

export interface FollowUpList {
  readonly country: string | null;
  readonly status: FollowUpStatusFilter | null;
  /** The recorded time the follow-ups are read as known at. */
  readonly knownAt: string;
  /** The UTC date `overdue` was judged against (knownAt's). */
  readonly today: string;
  readonly items: readonly FollowUpItem[];
}

/**
 * Follow-ups of one country or all as known at a time, soonest due first; the view's `today` (UTC) decides what
 * is overdue.
 */
export class ListFollowUpsQuery extends Query<FollowUpList> {
  constructor(
    readonly country: string | undefined,
    readonly status: FollowUpStatusFilter | undefined,
    readonly view: RegisterView,
  ) {
    super();
  }
}
