import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { TIMELINE_ENTRY, type TimelineEntryView, type TimelineRow, toEntry } from '../timeline.sql.js';

/** One timeline entry by event id: what a 201's Location points at once the projector has caught up. */
@Controller('v1/entries')
export class GetEntryHttpController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get(':eventId')
  async entry(@Param('eventId', new ParseUUIDPipe()) eventId: string): Promise<TimelineEntryView> {
    const { rows } = await this.pool.query<TimelineRow>(TIMELINE_ENTRY, [eventId]);
    const [row] = rows;
    if (!row) throw new NotFoundException(`No timeline entry ${eventId} (it may not be projected yet).`);
    return toEntry(row);
  }
}
