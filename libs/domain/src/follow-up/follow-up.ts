import { applyCorrections } from '../correction/correction.js';
import { DIALOGUE_ROUND_CONCLUDED } from '../engagement/dialogue-round-concluded.event.js';
import { type EngagementEvent, engagementDecider } from '../engagement/engagement.decider.js';
import { ENVOY_MEETING_HELD } from '../engagement/envoy-meeting-held.event.js';
import { type Classification, isAtLeast } from '../shared/classification.js';
import { assertNever, type Decider, fold } from '../shared/decider.js';
import {
  alreadyRecorded,
  type EntryFacts,
  illegalTransition,
  newEntryFacts,
  notRecorded,
  type TransitionFacts,
  transitionFacts,
} from '../shared/entry-facts.js';
import { CommandRejectedError, NotFoundError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '../shared/event.js';

export const FOLLOW_UP_ASSIGNED = 'FollowUpAssigned';
export const FOLLOW_UP_COMPLETED = 'FollowUpCompleted';

export interface FollowUpAssignedData {
  readonly followUpId: string;
  /** The meeting or dialogue round the follow-up came out of. */
  readonly sourceEventId: string;
  readonly sourceStreamId: string;
  readonly owner: string;
  /** ISO date. */
  readonly dueDate: string;
  readonly action: string;
}
export interface FollowUpCompletedData {
  readonly followUpId: string;
  readonly note: string;
}

/** Someone owns an action that came out of an engagement, due by a date. */
export type FollowUpAssigned = DomainEvent<typeof FOLLOW_UP_ASSIGNED, FollowUpAssignedData>;
/** The action was done. A follow-up completes once. */
export type FollowUpCompleted = DomainEvent<typeof FOLLOW_UP_COMPLETED, FollowUpCompletedData>;
export type FollowUpEvent = FollowUpAssigned | FollowUpCompleted;

export interface AssignFollowUp extends EntryFacts {
  readonly type: 'AssignFollowUp';
  readonly followUp: FollowUpAssignedData;
  /**
   * When the engagement it follows up happened (see followUpSource), for the rule that it is not due before
   * then. Absent when the source is not at hand (a replay of the follow-up's own stream), and then unchecked.
   */
  readonly sourceOccurredAt?: string;
  readonly metadata: CommandMetadata;
}
export interface CompleteFollowUp extends TransitionFacts {
  readonly type: 'CompleteFollowUp';
  readonly note: string;
  readonly metadata: CommandMetadata;
}
export type FollowUpCommand = AssignFollowUp | CompleteFollowUp;

export type FollowUpState =
  | { readonly status: 'unrecorded' }
  | {
      readonly status: 'open' | 'done';
      readonly followUpId: string;
      readonly country: string;
      readonly classification: Classification;
      readonly occurredAt: string;
      readonly owner: string;
      readonly dueDate: string;
      readonly action: string;
      readonly sourceEventId: string;
      readonly completedAt: string | null;
      readonly note: string | null;
    };

export function followUpStreamId(followUpId: string): string {
  return `follow-up-${followUpId}`;
}

/** The engagement a follow-up comes out of, as its stream now reads. */
export interface FollowUpSource {
  readonly sourceEventId: string;
  readonly sourceStreamId: string;
  readonly country: string;
  readonly classification: Classification;
  readonly occurredAt: string;
}

/**
 * The classification a follow-up takes: its source's unless a higher one is asked for. A lower one is refused,
 * since the follow-up repeats what the engagement said and would leak it to readers and topics of that level.
 */
export function followUpClassification(
  source: FollowUpSource,
  requested: Classification | undefined,
): Classification {
  if (requested === undefined) return source.classification;
  if (!isAtLeast(requested, source.classification)) {
    throw new CommandRejectedError(
      'CLASSIFICATION_BELOW_SOURCE',
      `A follow-up cannot be less classified than its ${source.classification} source.`,
      { field: 'classification', sourceClassification: source.classification },
    );
  }
  return requested;
}

/**
 * Finds a follow-up's source in the raw history of the stream holding `sourceEventId` (empty when no stream
 * does): it must be a meeting or dialogue round that has not been retracted. Country and classification follow it.
 */
export function followUpSource(sourceEventId: string, history: readonly RecordedEvent[]): FollowUpSource {
  const source = history.find((e) => e.eventId === sourceEventId);
  if (!source) {
    throw new NotFoundError('SOURCE_ENTRY_NOT_FOUND', 'No such entry to follow up.', {
      field: 'sourceEventId',
      sourceEventId,
    });
  }
  if (source.type !== ENVOY_MEETING_HELD && source.type !== DIALOGUE_ROUND_CONCLUDED) {
    throw new CommandRejectedError(
      'SOURCE_NOT_AN_ENGAGEMENT',
      'Follow-ups come out of envoy meetings and dialogue rounds.',
      { field: 'sourceEventId', sourceType: source.type },
    );
  }
  const state = fold(engagementDecider, applyCorrections(history) as unknown as EngagementEvent[]);
  if (state.status === 'unrecorded') {
    throw new CommandRejectedError('SOURCE_RETRACTED', 'The engagement was retracted.', {
      field: 'sourceEventId',
    });
  }
  return {
    sourceEventId,
    sourceStreamId: source.streamId,
    country: state.country,
    classification: state.classification,
    occurredAt: state.occurredAt,
  };
}

/** Refuses a due date before the day (UTC) of the engagement the follow-up comes out of. */
export function assertDueNotBeforeSource(dueDate: string, sourceOccurredAt: string): void {
  const sourceDate = new Date(sourceOccurredAt).toISOString().slice(0, 10);
  if (dueDate < sourceDate) {
    throw new CommandRejectedError(
      'DUE_BEFORE_SOURCE',
      `A follow-up cannot be due (${dueDate}) before the engagement it follows up (${sourceDate}).`,
      { field: 'dueDate', dueDate, sourceOccurredAt },
    );
  }
}

/** Rules of a follow-up: assigned once, not due before its engagement, completed once. */
export const followUpDecider: Decider<FollowUpCommand, FollowUpEvent, FollowUpState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    switch (command.type) {
      case 'AssignFollowUp':
        if (state.status !== 'unrecorded') alreadyRecorded('follow-up');
        if (command.sourceOccurredAt !== undefined)
          assertDueNotBeforeSource(command.followUp.dueDate, command.sourceOccurredAt);
        return [
          {
            type: FOLLOW_UP_ASSIGNED,
            schemaVersion: 1,
            ...newEntryFacts(command, command.metadata),
            data: command.followUp,
          },
        ];
      case 'CompleteFollowUp':
        if (state.status === 'unrecorded') return notRecorded('follow-up');
        if (state.status !== 'open') return illegalTransition('follow-up', 'complete', state.status);
        return [
          {
            type: FOLLOW_UP_COMPLETED,
            schemaVersion: 1,
            ...transitionFacts(command, state, command.metadata, 'follow-up'),
            data: { followUpId: state.followUpId, note: command.note },
          },
        ];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case FOLLOW_UP_ASSIGNED:
        return {
          status: 'open',
          followUpId: event.data.followUpId,
          country: event.country,
          classification: event.classification,
          occurredAt: event.occurredAt,
          owner: event.data.owner,
          dueDate: event.data.dueDate,
          action: event.data.action,
          sourceEventId: event.data.sourceEventId,
          completedAt: null,
          note: null,
        };
      case FOLLOW_UP_COMPLETED:
        return state.status === 'unrecorded'
          ? state
          : { ...state, status: 'done', completedAt: event.occurredAt, note: event.data.note };
      default:
        return assertNever(event);
    }
  },
};
