import { Query } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import type { SearchItem } from './search.sql.js';
import type { SearchCursor } from './search-cursor.js';

export interface SearchPage {
  /** The query as asked. */
  readonly q: string;
  readonly items: readonly SearchItem[];
  /** Send it as `cursor` (with the same `q` and `country`) for the next page; null when none are left. */
  readonly nextCursor: string | null;
}

/** Full-text search over the current timeline entries the reader may see, most relevant first. */
export class SearchTimelineQuery extends Query<SearchPage> {
  constructor(
    readonly q: string,
    readonly country: string | undefined,
    readonly limit: number,
    readonly cursor: SearchCursor | undefined,
    /** Who reads: only the entries at most its clearance, of its countries. */
    readonly scope: ReadScope,
  ) {
    super();
  }
}
