import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { RegisterVendorRequestDto } from './register-vendor.request.dto.js';

export class RegisterVendorCommand extends Command<EntryRecorded> {
  constructor(
    readonly request: RegisterVendorRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
