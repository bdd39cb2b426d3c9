import { Query } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import type { TimelineEntryView } from '../timeline.sql.js';
import type { TimelineCursor } from './timeline-cursor.js';

/**
 * Corrections each timeline entry carries, the latest first: a page of entries stays small however long their
 * trails; `corrections.nextCursor` leads to GET /v1/entries/{eventId}/corrections for the rest.
 */
export const TIMELINE_ENTRY_CORRECTIONS = 3;

export interface TimelinePage {
  readonly country: string;
  readonly entries: readonly TimelineEntryView[];
  readonly nextCursor: string | null;
}

export interface TimelineFilter {
  readonly types?: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
  readonly asOf?: Date;
  readonly knownAt?: Date;
  readonly topic?: string;
  readonly vendor?: string;
  readonly participant?: string;
  readonly includeRetracted: boolean;
}

export class GetTimelineQuery extends Query<TimelinePage> {
  constructor(
    readonly country: string,
    readonly limit: number,
    readonly cursor: TimelineCursor | undefined,
    readonly filter: TimelineFilter,
    /** Who reads: only the entries at most its clearance, of its countries. */
    readonly scope: ReadScope,
  ) {
    super();
  }
}
