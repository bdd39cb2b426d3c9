import { assertNever, type Decider } from '../shared/decider.js';
import { CommandRejectedError, IllegalStateError } from '../shared/errors.js';
import { ENVOY_MEETING_HELD, type EnvoyMeetingHeld } from './envoy-meeting-held.event.js';
import type { RecordEnvoyMeeting } from './record-envoy-meeting.command.js';

export type EngagementCommand = RecordEnvoyMeeting;
export type EngagementEvent = EnvoyMeetingHeld;

export type EngagementState =
  | { readonly status: 'unrecorded' }
  | { readonly status: 'held'; readonly country: string; readonly occurredAt: string };

/** Officers' clocks and servers drift; a meeting "held" a few minutes in the future is still plausible. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The stream that holds one engagement (meeting, dialogue round) and what follows from it. */
export function engagementStreamId(engagementId: string): string {
  return `engagement-${engagementId}`;
}

function recordEnvoyMeeting(command: RecordEnvoyMeeting, state: EngagementState): EnvoyMeetingHeld[] {
  if (state.status !== 'unrecorded') {
    throw new IllegalStateError('ENGAGEMENT_ALREADY_RECORDED', 'This engagement has already been recorded.', {
      currentState: state.status,
    });
  }
  if (command.occurredAt.getTime() > command.metadata.recordedAt.getTime() + CLOCK_SKEW_MS) {
    throw new CommandRejectedError('OCCURRED_IN_FUTURE', 'A meeting cannot be logged before it is held.', {
      field: 'occurredAt',
      occurredAt: command.occurredAt.toISOString(),
      recordedAt: command.metadata.recordedAt.toISOString(),
    });
  }
  if (command.meeting.envoys.length === 0 || command.meeting.counterparts.length === 0) {
    throw new CommandRejectedError(
      'PARTICIPANTS_REQUIRED',
      'A meeting needs at least one envoy and one counterpart.',
    );
  }
  return [
    {
      type: ENVOY_MEETING_HELD,
      schemaVersion: 1,
      country: command.country,
      occurredAt: command.occurredAt.toISOString(),
      classification: command.classification,
      source: command.source,
      confidence: command.confidence,
      data: command.meeting,
    },
  ];
}

/** Rules of an engagement stream. */
export const engagementDecider: Decider<EngagementCommand, EngagementEvent, EngagementState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    switch (command.type) {
      case 'RecordEnvoyMeeting':
        return recordEnvoyMeeting(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case ENVOY_MEETING_HELD:
        return { status: 'held', country: event.country, occurredAt: event.occurredAt };
      default:
        return assertNever(event.type);
    }
  },
};
