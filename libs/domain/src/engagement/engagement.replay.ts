import { occurredAtOf, type RecordedOf, replayMetadata } from '../correction/replay.js';
import { assertNever } from '../shared/decider.js';
import { DIALOGUE_ROUND_CONCLUDED } from './dialogue-round-concluded.event.js';
import type { EngagementCommand, EngagementEvent } from './engagement.decider.js';
import { ENVOY_MEETING_HELD } from './envoy-meeting-held.event.js';

/** The command that records an engagement event, for replaying its stream through the decider. */
export function engagementCommandOf(event: RecordedOf<EngagementEvent>): EngagementCommand {
  const facts = {
    country: event.country,
    occurredAt: occurredAtOf(event),
    classification: event.classification,
    source: event.source,
    confidence: event.confidence,
    metadata: replayMetadata(event),
  };
  switch (event.type) {
    case ENVOY_MEETING_HELD:
      return { type: 'RecordEnvoyMeeting', ...facts, meeting: event.data };
    case DIALOGUE_ROUND_CONCLUDED:
      return { type: 'RecordDialogueRound', ...facts, dialogue: event.data };
    default:
      return assertNever(event);
  }
}
