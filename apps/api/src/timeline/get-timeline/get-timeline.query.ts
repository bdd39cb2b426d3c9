import { Query } from '@nestjs/cqrs';
import type { TimelineEntryView } from '../timeline.sql.js';
import type { TimelineCursor } from './timeline-cursor.js';

export interface TimelinePage {
  readonly country: string;
  readonly entries: readonly TimelineEntryView[];
  readonly nextCursor: string | null;
}

export class GetTimelineQuery extends Query<TimelinePage> {
  constructor(
    readonly country: string,
    readonly limit: number,
    readonly cursor: TimelineCursor | undefined,
    readonly types: readonly string[] | undefined,
    readonly from: Date | undefined,
    readonly to: Date | undefined,
  ) {
    super();
  }
}
