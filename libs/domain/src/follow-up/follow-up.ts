import type { Classification } from '../shared/classification.js';
import { assertNever, type Decider } from '../shared/decider.js';
import {
  alreadyRecorded,
  type EntryFacts,
  illegalTransition,
  newEntryFacts,
  notRecorded,
  type TransitionFacts,
  transitionFacts,
} from '../shared/entry-facts.js';
import type { CommandMetadata, DomainEvent } from '../shared/event.js';

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

/** Rules of a follow-up: assigned once, completed once. */
export const followUpDecider: Decider<FollowUpCommand, FollowUpEvent, FollowUpState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    switch (command.type) {
      case 'AssignFollowUp':
        if (state.status !== 'unrecorded') alreadyRecorded('follow-up');
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
