import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { classificationRank, type ReadScope } from '#domain';
import { PostgresEventStore } from '#event-store';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { scopeParams } from '../read-scope.sql.js';
import { toEntry } from '../timeline.sql.js';
import { ENTRY_CORRECTIONS, type EntryFound, GetEntryQuery } from './get-entry.query.js';
import {
  ENTRY_WITH_LATEST_CORRECTIONS,
  type EntryRow,
  PARKED_STREAM,
  type ParkedRow,
  toParked,
} from './get-entry.sql.js';

@QueryHandler(GetEntryQuery)
export class GetEntryHandler implements IQueryHandler<GetEntryQuery> {
  constructor(
    @Inject(PG_READ_POOL) private readonly pool: pg.Pool,
    private readonly store: PostgresEventStore,
  ) {}

  private async parked(streamId: string | undefined) {
    if (!streamId) return null;
    const { rows } = await this.pool.query<ParkedRow>(PARKED_STREAM, [streamId]);
    return toParked(rows[0]);
  }

  /**
   * The stream of an event not (yet) projected, if the reader may see it: that a stream is parked, and why, is
   * said only to readers of its entry. Its country is its first event's, its level the highest of its events.
   */
  private async visibleStreamOf(eventId: string, scope: ReadScope): Promise<string | undefined> {
    const streamId = await this.store.streamOfEvent(eventId);
    if (!streamId) return undefined;
    const history = await this.store.readStream(streamId);
    const first = history[0];
    if (!first || (scope.countries !== null && !scope.countries.includes(first.country))) return undefined;
    const hidden = history.some((e) => {
      const rank = classificationRank(e.classification);
      return rank < 0 || rank > scope.maxRank;
    });
    return hidden ? undefined : streamId;
  }

  async execute({ eventId, scope }: GetEntryQuery): Promise<EntryFound> {
    const { rows } = await this.pool.query<EntryRow>(ENTRY_WITH_LATEST_CORRECTIONS, [
      eventId,
      ENTRY_CORRECTIONS,
      ...scopeParams(scope),
    ]);
    const row = rows[0];
    if (!row) {
      // Not projected: recorded in a stream a projection has parked, or not (yet) recorded or projected at all;
      // or projected, but not for this reader. Each reads as the same 404 to a reader who may not see the entry.
      return { entry: undefined, parked: await this.parked(await this.visibleStreamOf(eventId, scope)) };
    }
    return {
      entry: {
        // The whole trail is not read: the entry carries its first page.
        ...toEntry(row),
        parked: await this.parked(row.stream_id),
      },
      streamHead: row.stream_head,
    };
  }
}
