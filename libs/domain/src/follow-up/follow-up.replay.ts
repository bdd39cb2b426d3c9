import { occurredAtOf, type RecordedOf, replayMetadata } from '../correction/replay.js';
import { assertNever } from '../shared/decider.js';
import {
  FOLLOW_UP_ASSIGNED,
  FOLLOW_UP_COMPLETED,
  type FollowUpCommand,
  type FollowUpEvent,
} from './follow-up.js';

/** The command that records a follow-up event, for replaying its stream through the decider. */
export function followUpCommandOf(event: RecordedOf<FollowUpEvent>): FollowUpCommand {
  const facts = {
    occurredAt: occurredAtOf(event),
    source: event.source,
    confidence: event.confidence,
    metadata: replayMetadata(event),
  };
  switch (event.type) {
    case FOLLOW_UP_ASSIGNED:
      return {
        type: 'AssignFollowUp',
        ...facts,
        country: event.country,
        classification: event.classification,
        followUp: event.data,
      };
    case FOLLOW_UP_COMPLETED:
      return { type: 'CompleteFollowUp', ...facts, note: event.data.note };
    default:
      return assertNever(event);
  }
}
