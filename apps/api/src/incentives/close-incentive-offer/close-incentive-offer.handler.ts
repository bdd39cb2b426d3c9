import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { incentiveDecider, incentiveStreamId } from '#domain';
import { transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { CloseIncentiveOfferCommand } from './close-incentive-offer.command.js';

@CommandHandler(CloseIncentiveOfferCommand)
export class CloseIncentiveOfferHandler implements ICommandHandler<CloseIncentiveOfferCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ offerId, answer, request, context }: CloseIncentiveOfferCommand): Promise<EntryRecorded> {
    return this.entries.execute({
      entryId: offerId,
      streamId: incentiveStreamId(offerId),
      category: 'incentive',
      decider: incentiveDecider,
      context,
      command: (metadata) => ({
        type: answer,
        ...transitionFactsOf(request),
        note: request.note,
        metadata,
      }),
    });
  }
}
