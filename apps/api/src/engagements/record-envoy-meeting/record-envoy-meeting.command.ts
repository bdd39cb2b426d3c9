import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../http/request-context.js';
import type { RecordEnvoyMeetingRequestDto } from './record-envoy-meeting.request.dto.js';

export interface EntryRecorded {
  readonly entryId: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
}

export class RecordEnvoyMeetingCommand extends Command<EntryRecorded> {
  constructor(
    readonly country: string,
    readonly request: RecordEnvoyMeetingRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
