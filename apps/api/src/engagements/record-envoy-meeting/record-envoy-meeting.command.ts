import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { RecordEnvoyMeetingRequestDto } from './record-envoy-meeting.request.dto.js';

export class RecordEnvoyMeetingCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: RecordEnvoyMeetingRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
