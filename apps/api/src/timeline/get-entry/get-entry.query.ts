import { Query } from '@nestjs/cqrs';
import type { TimelineEntryView } from '../timeline.sql.js';

/** One timeline entry by the id of the event that recorded it; undefined until projected. */
export class GetEntryQuery extends Query<{ entry: TimelineEntryView; streamHead: number } | undefined> {
  constructor(readonly eventId: string) {
    super();
  }
}
