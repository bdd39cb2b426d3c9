import { occurredAtOf, type RecordedOf, replayMetadata } from '../correction/replay.js';
import { assertNever } from '../shared/decider.js';
import {
  INCENTIVE_ACCEPTED,
  INCENTIVE_DECLINED,
  INCENTIVE_EXPIRED,
  INCENTIVE_OFFERED,
  INCENTIVE_TERMS_AMENDED,
  INCENTIVE_WITHDRAWN,
  type IncentiveCommand,
  type IncentiveEvent,
} from './incentive.js';

/** The command that records an incentive-offer event, for replaying its stream through the decider. */
export function incentiveCommandOf(event: RecordedOf<IncentiveEvent>): IncentiveCommand {
  const facts = {
    occurredAt: occurredAtOf(event),
    source: event.source,
    confidence: event.confidence,
    metadata: replayMetadata(event),
  };
  switch (event.type) {
    case INCENTIVE_OFFERED:
      return {
        type: 'OfferIncentive',
        ...facts,
        country: event.country,
        classification: event.classification,
        offer: event.data,
      };
    case INCENTIVE_TERMS_AMENDED:
      return {
        type: 'AmendIncentiveTerms',
        ...facts,
        changes: event.data.changes,
        reason: event.data.reason,
      };
    case INCENTIVE_ACCEPTED:
      return { type: 'AcceptIncentive', ...facts, note: event.data.note };
    case INCENTIVE_DECLINED:
      return { type: 'DeclineIncentive', ...facts, note: event.data.note };
    case INCENTIVE_WITHDRAWN:
      return { type: 'WithdrawIncentive', ...facts, note: event.data.note };
    case INCENTIVE_EXPIRED:
      return { type: 'ExpireIncentive', ...facts, note: event.data.note };
    default:
      return assertNever(event);
  }
}
