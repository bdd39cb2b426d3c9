import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { observationDecider, observationStreamId } from '#domain';
import { entryFacts } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { moneyOf } from '../../shared/money.dto.js';
import { ObserveCompetingOfferCommand } from './observe-competing-offer.command.js';

@CommandHandler(ObserveCompetingOfferCommand)
export class ObserveCompetingOfferHandler implements ICommandHandler<ObserveCompetingOfferCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ country, request, context }: ObserveCompetingOfferCommand): Promise<EntryRecorded> {
    const observationId = randomUUID();
    return this.entries.execute({
      entryId: observationId,
      newStream: true,
      streamId: observationStreamId(observationId),
      category: 'observation',
      decider: observationDecider,
      context,
      command: (metadata) => ({
        type: 'ObserveCompetingOffer' as const,
        ...entryFacts(country, request),
        offer: {
          observationId,
          rival: { kind: request.rival.kind, name: request.rival.name },
          vendorsInvolved: request.vendorsInvolved,
          financing: request.financing ?? null,
          amount: moneyOf(request.amount),
          bundle: request.bundle,
          summary: request.summary,
        },
        metadata,
      }),
    });
  }
}
