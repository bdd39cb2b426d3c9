import { Query } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import type { CorrectionsPage } from '../list-corrections/corrections.sql.js';
import type { TimelineEntryView } from '../timeline.sql.js';
import type { ParkedView } from './get-entry.sql.js';

/** Corrections an entry read carries, the latest first; the rest are a cursor away. */
export const ENTRY_CORRECTIONS = 20;

/**
 * An entry as it now reads, with its latest corrections (the first page of GET /v1/entries/{id}/corrections)
 * and whether a projection has parked its stream.
 */
export type EntryView = Omit<TimelineEntryView, 'corrections'> & {
  readonly corrections: CorrectionsPage;
  readonly parked: ParkedView | null;
};

/** What a read of one entry finds: the entry, or only that its stream is parked before it was projected. */
export type EntryFound =
  | { readonly entry: EntryView; readonly streamHead: number }
  | { readonly entry: undefined; readonly parked: ParkedView | null };

/**
 * One timeline entry by the id of the event that recorded it; `entry` undefined until projected, and for a reader
 * who may not see it (another country's, or above its clearance) undefined with no `parked`, as for an unknown id.
 */
export class GetEntryQuery extends Query<EntryFound> {
  constructor(
    readonly eventId: string,
    readonly scope: ReadScope,
  ) {
    super();
  }
}
