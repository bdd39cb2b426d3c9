import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { incentiveDecider, incentiveStreamId } from '#domain';
import { namedFields, transitionFactsOf } from '../../shared/dto.js';
import { type EntryRecorded, EntryStore } from '../../shared/entry-store.js';
import { moneyOf } from '../../shared/money.dto.js';
import { AmendIncentiveTermsCommand } from './amend-incentive-terms.command.js';

@CommandHandler(AmendIncentiveTermsCommand)
export class AmendIncentiveTermsHandler implements ICommandHandler<AmendIncentiveTermsCommand> {
  constructor(private readonly entries: EntryStore) {}

  execute({ offerId, request, context }: AmendIncentiveTermsCommand): Promise<EntryRecorded> {
    const { amount, conditions, expiresOn, description } = request.changes;
    return this.entries.execute({
      entryId: offerId,
      streamId: incentiveStreamId(offerId),
      category: 'incentive',
      decider: incentiveDecider,
      context,
      command: (metadata) => ({
        type: 'AmendIncentiveTerms' as const,
        ...transitionFactsOf(request),
        changes: namedFields({
          amount: amount === undefined ? undefined : moneyOf(amount),
          conditions,
          expiresOn,
          description,
        }),
        reason: request.reason,
        metadata,
      }),
    });
  }
}
