import type { Classification } from '../shared/classification.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { alreadyRecorded, newEntryFacts } from '../shared/entry-facts.js';
import { CommandRejectedError } from '../shared/errors.js';
import { DIALOGUE_ROUND_CONCLUDED, type DialogueRoundConcluded } from './dialogue-round-concluded.event.js';
import { ENVOY_MEETING_HELD, type EnvoyMeetingHeld } from './envoy-meeting-held.event.js';
import type { RecordDialogueRound, RecordEnvoyMeeting } from './record-envoy-meeting.command.js';

export type EngagementCommand = RecordEnvoyMeeting | RecordDialogueRound;
export type EngagementEvent = EnvoyMeetingHeld | DialogueRoundConcluded;

export type EngagementState =
  | { readonly status: 'unrecorded' }
  | {
      readonly status: 'recorded';
      readonly kind: 'meeting' | 'dialogue';
      readonly country: string;
      readonly classification: Classification;
      readonly occurredAt: string;
    };

/** The stream that holds one engagement (a meeting or a dialogue round) and its corrections. */
export function engagementStreamId(engagementId: string): string {
  return `engagement-${engagementId}`;
}

function recordEnvoyMeeting(command: RecordEnvoyMeeting, state: EngagementState): EnvoyMeetingHeld[] {
  if (state.status !== 'unrecorded') alreadyRecorded('engagement');
  const facts = newEntryFacts(command, command.metadata);
  if (command.meeting.envoys.length === 0 || command.meeting.counterparts.length === 0) {
    throw new CommandRejectedError(
      'PARTICIPANTS_REQUIRED',
      'A meeting needs at least one envoy and one counterpart.',
    );
  }
  return [{ type: ENVOY_MEETING_HELD, schemaVersion: 1, ...facts, data: command.meeting }];
}

function recordDialogueRound(command: RecordDialogueRound, state: EngagementState): DialogueRoundConcluded[] {
  if (state.status !== 'unrecorded') alreadyRecorded('engagement');
  const facts = newEntryFacts(command, command.metadata);
  if (!Number.isInteger(command.dialogue.round) || command.dialogue.round < 1) {
    throw new CommandRejectedError('INVALID_ROUND', 'Dialogue rounds are numbered from 1.', {
      field: 'round',
    });
  }
  return [{ type: DIALOGUE_ROUND_CONCLUDED, schemaVersion: 1, ...facts, data: command.dialogue }];
}

/** Rules of an engagement stream. */
export const engagementDecider: Decider<EngagementCommand, EngagementEvent, EngagementState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    switch (command.type) {
      case 'RecordEnvoyMeeting':
        return recordEnvoyMeeting(command, state);
      case 'RecordDialogueRound':
        return recordDialogueRound(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(_state, event) {
    const recorded = {
      status: 'recorded' as const,
      country: event.country,
      classification: event.classification,
      occurredAt: event.occurredAt,
    };
    switch (event.type) {
      case ENVOY_MEETING_HELD:
        return { ...recorded, kind: 'meeting' };
      case DIALOGUE_ROUND_CONCLUDED:
        return { ...recorded, kind: 'dialogue' };
      default:
        return assertNever(event);
    }
  },
};
