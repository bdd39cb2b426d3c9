import { occurredAtOf, type RecordedOf, replayMetadata } from '../correction/replay.js';
import { assertNever } from '../shared/decider.js';
import {
  COMPETING_OFFER_OBSERVED,
  COUNTRY_RESPONSE_OBSERVED,
  type ObservationCommand,
  type ObservationEvent,
} from './observation.js';

/** The command that records an observation, for replaying its stream through the decider. */
export function observationCommandOf(event: RecordedOf<ObservationEvent>): ObservationCommand {
  const facts = {
    country: event.country,
    occurredAt: occurredAtOf(event),
    classification: event.classification,
    source: event.source,
    confidence: event.confidence,
    metadata: replayMetadata(event),
  };
  switch (event.type) {
    case COUNTRY_RESPONSE_OBSERVED:
      return { type: 'ObserveCountryResponse', ...facts, response: event.data };
    case COMPETING_OFFER_OBSERVED:
      return { type: 'ObserveCompetingOffer', ...facts, offer: event.data };
    default:
      return assertNever(event);
  }
}
