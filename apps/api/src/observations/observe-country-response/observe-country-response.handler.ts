import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { observationDecider, observationStreamId } from '#domain';
import { entryFacts, participant } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { ObserveCountryResponseCommand } from './observe-country-response.command.js';

@CommandHandler(ObserveCountryResponseCommand)
export class ObserveCountryResponseHandler implements ICommandHandler<ObserveCountryResponseCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ country, request, context }: ObserveCountryResponseCommand): Promise<EntryRecorded> {
    const observationId = randomUUID();
    return this.entries.execute({
      entryId: observationId,
      newStream: true,
      streamId: observationStreamId(observationId),
      category: 'observation',
      decider: observationDecider,
      context,
      command: (metadata) => ({
        type: 'ObserveCountryResponse' as const,
        ...entryFacts(country, request),
        response: {
          observationId,
          stance: request.stance,
          speaker: participant(request.speaker),
          quote: request.quote ?? null,
          channel: request.channel,
          topics: request.topics,
          vendorsMentioned: request.vendorsMentioned,
          summary: request.summary,
        },
        metadata,
      }),
    });
  }
}
