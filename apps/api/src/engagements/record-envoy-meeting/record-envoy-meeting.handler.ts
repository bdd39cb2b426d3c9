import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { engagementDecider, engagementStreamId } from '#domain';
import { entryFacts, participant } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { RecordEnvoyMeetingCommand } from './record-envoy-meeting.command.js';

@CommandHandler(RecordEnvoyMeetingCommand)
export class RecordEnvoyMeetingHandler implements ICommandHandler<RecordEnvoyMeetingCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ country, request, context }: RecordEnvoyMeetingCommand): Promise<EntryRecorded> {
    const meetingId = randomUUID();
    return this.entries.execute({
      entryId: meetingId,
      newStream: true,
      streamId: engagementStreamId(meetingId),
      category: 'engagement',
      decider: engagementDecider,
      context,
      command: (metadata) => ({
        type: 'RecordEnvoyMeeting' as const,
        ...entryFacts(country, request),
        meeting: {
          meetingId,
          location: request.location,
          envoys: request.envoys.map(participant),
          counterparts: request.counterparts.map(participant),
          topics: request.topics,
          concerns: request.concerns,
          vendorsDiscussed: request.vendorsDiscussed,
          summary: request.summary,
          outcome: request.outcome,
          nextSteps: request.nextSteps,
        },
        metadata,
      }),
    });
  }
}
