import { Query } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import type { CorrectionsPage } from './corrections.sql.js';
import type { CorrectionsCursor } from './corrections-cursor.js';

/** A page of an entry's corrections; `entry` undefined until projected, `foreignCursor` for another's cursor. */
export type CorrectionsFound =
  | { readonly entry: string; readonly page: CorrectionsPage }
  | { readonly entry: undefined }
  | { readonly entry: string; readonly foreignCursor: true };

/** The corrections and retraction of one entry, newest first, after `cursor` if given. */
export class ListCorrectionsQuery extends Query<CorrectionsFound> {
  constructor(
    readonly eventId: string,
    readonly limit: number,
    readonly cursor: CorrectionsCursor | undefined,
    /** Who reads: an entry it may not see reads as unknown. */
    readonly scope: ReadScope,
  ) {
    super();
  }
}
