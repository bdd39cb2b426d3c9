// Engagement stream: envoy meetings and dialogue rounds (libs/domain/src/engagement).
import { type Static, Type } from 'typebox';
import {
  Concern,
  EntityId,
  eventData,
  type Immutable,
  Nullable,
  OneOf,
  Participant,
  Text,
} from './shared.js';

/** The level at which a dialogue round was held. */
export const DIALOGUE_LEVELS = ['head-of-state', 'ministerial', 'senior-officials', 'working-level'] as const;

/** Event type: an envoy met counterparts of the country. */
export const ENVOY_MEETING_HELD = 'EnvoyMeetingHeld';
/** Event type: a round of a structured dialogue track ended. */
export const DIALOGUE_ROUND_CONCLUDED = 'DialogueRoundConcluded';

/** EnvoyMeetingHeld data, schema version 1. */
export const EnvoyMeetingHeldV1 = eventData(
  ENVOY_MEETING_HELD,
  1,
  "An envoy met counterparts of the country (`ce_country`): who took part, what was discussed and agreed. The first event of a meeting's stream (`engagement-<meetingId>`).",
  {
    meetingId: EntityId,
    location: Text,
    envoys: Type.Array(Participant, { minItems: 1, description: 'Our side: at least one envoy.' }),
    counterparts: Type.Array(Participant, { minItems: 1, description: "The country's side: at least one." }),
    topics: Type.Array(Text),
    concerns: Type.Array(Concern),
    vendorsDiscussed: Type.Array(Text, { description: 'Vendors named in the meeting, as said.' }),
    summary: Text,
    outcome: Text,
    nextSteps: Type.Array(Text),
  },
);
/** EnvoyMeetingHeld data (newest version). */
export type EnvoyMeetingHeldData = Immutable<Static<typeof EnvoyMeetingHeldV1>>;

/** DialogueRoundConcluded data, schema version 1. */
export const DialogueRoundConcludedV1 = eventData(
  DIALOGUE_ROUND_CONCLUDED,
  1,
  "A round of a structured dialogue track with the country ended, with its agenda, co-chairs and what both sides agreed to deliver. The first event of the round's stream (`engagement-<engagementId>`).",
  {
    engagementId: EntityId,
    track: Text,
    round: Type.Integer({ minimum: 1, description: 'Rounds of a track are numbered from 1.' }),
    level: OneOf(DIALOGUE_LEVELS, 'The level at which the round was held.'),
    location: Text,
    coChairs: Type.Array(Participant),
    agenda: Type.Array(Text),
    jointStatement: Nullable(Text),
    deliverables: Type.Array(Text),
    topics: Type.Array(Text),
    concerns: Type.Array(Concern),
    vendorsDiscussed: Type.Array(Text),
    summary: Text,
  },
);
/** DialogueRoundConcluded data (newest version). */
export type DialogueRoundConcludedData = Immutable<Static<typeof DialogueRoundConcludedV1>>;
