import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { engagementDecider, engagementStreamId } from '#domain';
import { entryFacts, participant } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { RecordDialogueRoundCommand } from './record-dialogue-round.command.js';

@CommandHandler(RecordDialogueRoundCommand)
export class RecordDialogueRoundHandler implements ICommandHandler<RecordDialogueRoundCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ country, request, context }: RecordDialogueRoundCommand): Promise<EntryRecorded> {
    const engagementId = randomUUID();
    return this.entries.execute({
      entryId: engagementId,
      newStream: true,
      streamId: engagementStreamId(engagementId),
      category: 'engagement',
      decider: engagementDecider,
      context,
      command: (metadata) => ({
        type: 'RecordDialogueRound' as const,
        ...entryFacts(country, request),
        dialogue: {
          engagementId,
          track: request.track,
          round: request.round,
          level: request.level,
          location: request.location,
          coChairs: request.coChairs.map(participant),
          agenda: request.agenda,
          jointStatement: request.jointStatement ?? null,
          deliverables: request.deliverables,
          topics: request.topics,
          concerns: request.concerns,
          vendorsDiscussed: request.vendorsDiscussed,
          summary: request.summary,
        },
        metadata,
      }),
    });
  }
}
