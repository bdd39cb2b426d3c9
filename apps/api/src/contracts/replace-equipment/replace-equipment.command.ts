import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { ReplaceEquipmentRequestDto } from './replace-equipment.request.dto.js';

export class ReplaceEquipmentCommand extends Command<EntryRecorded> {
  constructor(
    readonly contractId: string,
    readonly request: ReplaceEquipmentRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
