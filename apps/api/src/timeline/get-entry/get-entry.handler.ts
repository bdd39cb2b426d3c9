import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PostgresEventStore } from '#event-store';
import { PG_POOL } from '../../infrastructure/tokens.js';
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
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly store: PostgresEventStore,
  ) {}

  private async parked(streamId: string | undefined) {
    if (!streamId) return null;
    const { rows } = await this.pool.query<ParkedRow>(PARKED_STREAM, [streamId]);
    return toParked(rows[0]);
  }

  async execute({ eventId }: GetEntryQuery): Promise<EntryFound> {
    const { rows } = await this.pool.query<EntryRow>(ENTRY_WITH_LATEST_CORRECTIONS, [
      eventId,
      ENTRY_CORRECTIONS,
    ]);
    const row = rows[0];
    if (!row) {
      // Not projected: recorded in a stream a projection has parked, or not (yet) recorded or projected at all.
      return { entry: undefined, parked: await this.parked(await this.store.streamOfEvent(eventId)) };
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
