import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { incentiveDecider, incentiveStreamId } from '#domain';
import { entryFacts } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { moneyOf } from '../../shared/money.dto.js';
import { OfferIncentiveCommand } from './offer-incentive.command.js';

@CommandHandler(OfferIncentiveCommand)
export class OfferIncentiveHandler implements ICommandHandler<OfferIncentiveCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ country, request, context }: OfferIncentiveCommand): Promise<EntryRecorded> {
    const offerId = randomUUID();
    return this.entries.execute({
      entryId: offerId,
      newStream: true,
      streamId: incentiveStreamId(offerId),
      category: 'incentive',
      decider: incentiveDecider,
      context,
      command: (metadata) => ({
        type: 'OfferIncentive' as const,
        ...entryFacts(country, request),
        offer: {
          offerId,
          instrument: request.instrument,
          agency: request.agency,
          amount: moneyOf(request.amount),
          conditions: request.conditions,
          expiresOn: request.expiresOn ?? null,
          description: request.description,
        },
        metadata,
      }),
    });
  }
}
