import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { CloseTechnicalSupportRequestDto } from './close-technical-support.request.dto.js';

export class CloseTechnicalSupportCommand extends Command<EntryRecorded> {
  constructor(
    readonly supportId: string,
    readonly request: CloseTechnicalSupportRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
