import { Query } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import type { AuditItem } from './audit.sql.js';
import type { AuditCursor } from './audit-cursor.js';

export interface AuditFilter {
  readonly actor?: string;
  readonly country?: string;
  readonly from?: Date;
  readonly to?: Date;
}

export interface AuditPage {
  readonly items: readonly AuditItem[];
  /** Send it as `cursor` (with the same filters) for older events; null when none are left. */
  readonly nextCursor: string | null;
}

/** Who recorded, changed, corrected or retracted what, newest first, of what the reader may see. */
export class ListAuditQuery extends Query<AuditPage> {
  constructor(
    readonly scope: ReadScope,
    readonly filter: AuditFilter,
    readonly limit: number,
    readonly cursor: AuditCursor | undefined,
  ) {
    super();
  }
}
