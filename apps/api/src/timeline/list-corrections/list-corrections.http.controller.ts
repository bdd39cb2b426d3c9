import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { uuidParam } from '../../http/id-param.pipe.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { RequestValidationException } from '../../http/validation.js';
import type { CorrectionsPage } from './corrections.sql.js';
import { decodeCorrectionsCursor } from './corrections-cursor.js';
import { ListCorrectionsQuery } from './list-corrections.query.js';
import { ListCorrectionsRequestDto } from './list-corrections.request.dto.js';

const FOREIGN_CURSOR = [{ field: 'cursor', message: 'cursor is not one this API issued for this entry' }];

/** The whole trail of an entry, a page at a time: where the entry read's `corrections.nextCursor` leads. */
@ReadAccess()
@Controller('v1/entries/:id/corrections')
export class ListCorrectionsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @AnswersWith('CorrectionsFound')
  async corrections(
    @Param('id', uuidParam()) eventId: string,
    @Query() query: ListCorrectionsRequestDto,
    @Reader() scope: ReadScope,
  ): Promise<CorrectionsPage & { readonly eventId: string }> {
    const cursor = query.cursor === undefined ? undefined : decodeCorrectionsCursor(query.cursor);
    if (query.cursor !== undefined && cursor === undefined)
      throw new RequestValidationException(FOREIGN_CURSOR);
    const found = await this.queryBus.execute(new ListCorrectionsQuery(eventId, query.limit, cursor, scope));
    if (found.entry === undefined) {
      throw new NotFoundException(`No timeline entry ${eventId} (it may not be projected yet).`);
    }
    if ('foreignCursor' in found) throw new RequestValidationException(FOREIGN_CURSOR);
    return { eventId, ...found.page };
  }
}
