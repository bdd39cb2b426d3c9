import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertNotBefore,
  followUpClassification,
  followUpDecider,
  followUpSource,
  followUpStreamId,
} from '#domain';
import { transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { AssignFollowUpCommand } from './assign-follow-up.command.js';

@CommandHandler(AssignFollowUpCommand)
export class AssignFollowUpHandler implements ICommandHandler<AssignFollowUpCommand> {
  constructor(private readonly entries: EntryStore) {}

  async execute({ request, context }: AssignFollowUpCommand): Promise<EntryRecorded> {
    const sourceStreamId = await this.entries.streamOfEvent(request.sourceEventId);
    const history = sourceStreamId ? await this.entries.readStream(sourceStreamId, context.actor) : [];
    const source = followUpSource(request.sourceEventId, history);
    assertNotBefore(new Date(request.occurredAt), source.occurredAt, 'engagement it follows up');
    const followUpId = randomUUID();
    return this.entries.execute({
      entryId: followUpId,
      newStream: true,
      streamId: followUpStreamId(followUpId),
      category: 'follow-up',
      decider: followUpDecider,
      context,
      command: (metadata) => ({
        type: 'AssignFollowUp' as const,
        ...transitionFactsOf(request),
        country: source.country,
        classification: followUpClassification(source, request.classification),
        followUp: {
          followUpId,
          sourceEventId: source.sourceEventId,
          sourceStreamId: source.sourceStreamId,
          owner: request.owner,
          dueDate: request.dueDate,
          action: request.action,
        },
        sourceOccurredAt: source.occurredAt,
        metadata,
      }),
    });
  }
}
