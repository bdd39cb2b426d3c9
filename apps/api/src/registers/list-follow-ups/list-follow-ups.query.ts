import { Query } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import type { FollowUpKey } from '../register-cursor.js';
import type { FollowUpItem, FollowUpStatusFilter } from '../register-item.js';
import type { RegisterPageRequest } from '../register-read.request.dto.js';

/** A page of follow-ups. */
export interface FollowUpList {
  /** The country asked for, or null for every country's. */
  readonly country: string | null;
  /** The status asked for, or null. */
  readonly status: FollowUpStatusFilter | null;
  /** The recorded time the follow-ups are read as known at. */
  readonly knownAt: string;
  /** The UTC date `overdue` was judged against (knownAt's). */
  readonly today: string;
  readonly items: readonly FollowUpItem[];
  /** The cursor of the next page; null on the last. */
  readonly nextCursor: string | null;
}

/**
 * One page of the follow-ups of one country or all as known at a time, soonest due first; the view's `today`
 * (UTC) decides what is overdue.
 */
export class ListFollowUpsQuery extends Query<FollowUpList> {
  constructor(
    readonly country: string | undefined,
    readonly status: FollowUpStatusFilter | undefined,
    readonly page: RegisterPageRequest<FollowUpKey>,
    /** Who reads: without a country, the follow-ups of every country it reads, at most its clearance. */
    readonly scope: ReadScope,
  ) {
    super();
  }
}
