import { Query } from '@nestjs/cqrs';
import type { TimelineEntryView } from '../timeline.sql.js';
import type { ParkedView } from './get-entry.sql.js';

/** An entry as it now reads, with whether a projection has parked its stream. */
export type EntryView = TimelineEntryView & { readonly parked: ParkedView | null };

/** What a read of one entry finds: the entry, or only that its stream is parked before it was projected. */
export type EntryFound =
  | { readonly entry: EntryView; readonly streamHead: number }
  | { readonly entry: undefined; readonly parked: ParkedView | null };

/** One timeline entry by the id of the event that recorded it; `entry` undefined until projected. */
export class GetEntryQuery extends Query<EntryFound> {
  constructor(readonly eventId: string) {
    super();
  }
}
