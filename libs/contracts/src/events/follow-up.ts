// Follow-up stream (libs/domain/src/follow-up).
import { type Static, Type } from 'typebox';
import { EntityId, EventId, eventData, type Immutable, IsoDate, Text, UUID_PATTERN } from './shared.js';

/** Event type: someone owns an action that came out of an engagement. */
export const FOLLOW_UP_ASSIGNED = 'FollowUpAssigned';
/** Event type: the action was done. */
export const FOLLOW_UP_COMPLETED = 'FollowUpCompleted';

/** FollowUpAssigned data, schema version 1. */
export const FollowUpAssignedV1 = eventData(
  FOLLOW_UP_ASSIGNED,
  1,
  "Someone owns an action that came out of an envoy meeting or dialogue round (`sourceEventId`), due by a date. It carries its source's country and at least its classification. Open until FollowUpCompleted; overdue after `dueDate`.",
  {
    followUpId: EntityId,
    sourceEventId: EventId,
    sourceStreamId: Type.String({
      pattern: `^engagement-${UUID_PATTERN}$`,
      description: 'The stream of the engagement it came out of (`engagement-<id>`).',
    }),
    owner: Text,
    dueDate: IsoDate,
    action: Text,
  },
);
/** FollowUpAssigned data (newest version). */
export type FollowUpAssignedData = Immutable<Static<typeof FollowUpAssignedV1>>;

/** FollowUpCompleted data, schema version 1. */
export const FollowUpCompletedV1 = eventData(
  FOLLOW_UP_COMPLETED,
  1,
  "The follow-up's action was done (`occurredAt` is when). A follow-up completes once.",
  { followUpId: EntityId, note: Text },
);
/** FollowUpCompleted data (newest version). */
export type FollowUpCompletedData = Immutable<Static<typeof FollowUpCompletedV1>>;
