import { Query } from '@nestjs/cqrs';
import type { TimelineEntryView } from '../timeline.sql.js';
import type { TimelineCursor } from './timeline-cursor.js';

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
  ) {
    super();
  }
}
