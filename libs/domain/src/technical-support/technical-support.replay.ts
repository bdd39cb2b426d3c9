import { occurredAtOf, type RecordedOf, replayMetadata } from '../correction/replay.js';
import { assertNever } from '../shared/decider.js';
import {
  TECHNICAL_SUPPORT_CLOSED,
  TECHNICAL_SUPPORT_COMMITTED,
  TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
  type TechnicalSupportCommand,
  type TechnicalSupportEvent,
} from './technical-support.js';

/** The command that records a technical-support event, for replaying its stream through the decider. */
export function technicalSupportCommandOf(event: RecordedOf<TechnicalSupportEvent>): TechnicalSupportCommand {
  const facts = {
    occurredAt: occurredAtOf(event),
    source: event.source,
    confidence: event.confidence,
    metadata: replayMetadata(event),
  };
  switch (event.type) {
    case TECHNICAL_SUPPORT_COMMITTED:
      return {
        type: 'CommitTechnicalSupport',
        ...facts,
        country: event.country,
        classification: event.classification,
        support: event.data,
      };
    case TECHNICAL_SUPPORT_MILESTONE_DELIVERED:
      return { type: 'DeliverMilestone', ...facts, milestone: event.data.milestone, note: event.data.note };
    case TECHNICAL_SUPPORT_CLOSED:
      return { type: 'CloseTechnicalSupport', ...facts, outcome: event.data.outcome, note: event.data.note };
    default:
      return assertNever(event);
  }
}
