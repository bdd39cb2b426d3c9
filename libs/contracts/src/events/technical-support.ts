// Technical-support stream (libs/domain/src/technical-support).
import type { Static, TSchema } from 'typebox';
import {
  EntityId,
  eventData,
  type Immutable,
  LegacyMoney,
  Money,
  Nullable,
  OneOf,
  Period,
  Text,
} from './shared.js';

/** The kinds of technical support. */
export const SUPPORT_TYPES = [
  'cybersecurity-assessment',
  'network-audit',
  'vendor-transition-planning',
  'regulatory-advice',
  'training',
  'equipment-donation',
  'other',
] as const;

/** How a support commitment ended. */
export const SUPPORT_OUTCOMES = ['completed', 'cancelled', 'lapsed'] as const;

/** Event type: we committed to technical support toward alternatives. */
export const TECHNICAL_SUPPORT_COMMITTED = 'TechnicalSupportCommitted';
/** Event type: a milestone of a support commitment was delivered. */
export const TECHNICAL_SUPPORT_MILESTONE_DELIVERED = 'TechnicalSupportMilestoneDelivered';
/** Event type: the commitment ended. */
export const TECHNICAL_SUPPORT_CLOSED = 'TechnicalSupportClosed';

function committed<M extends TSchema>(version: number, money: M, moneyNote: string) {
  return eventData(
    TECHNICAL_SUPPORT_COMMITTED,
    version,
    `We committed to technical support toward alternatives to high-risk vendors (an assessment, audit, training…) for a beneficiary in the country, over a period. Active until TechnicalSupportClosed. ${moneyNote}`,
    {
      supportId: EntityId,
      supportType: OneOf(SUPPORT_TYPES),
      provider: Text,
      beneficiary: Text,
      period: Period,
      budget: Nullable(money),
      description: Text,
    },
  );
}

/** TechnicalSupportCommitted data, schema version 1: `budget` a number of major units. */
export const TechnicalSupportCommittedV1 = committed(
  1,
  LegacyMoney,
  'Version 1: `budget` is a JSON number of major units.',
);
/** TechnicalSupportCommitted data, schema version 2: `budget` in integer minor units. */
export const TechnicalSupportCommittedV2 = committed(
  2,
  Money,
  'Version 2: `budget` is in integer minor units.',
);
/** TechnicalSupportCommitted data as version 1 recorded it. */
export type TechnicalSupportCommittedDataV1 = Immutable<Static<typeof TechnicalSupportCommittedV1>>;
/** TechnicalSupportCommitted data (newest version). */
export type TechnicalSupportCommittedData = Immutable<Static<typeof TechnicalSupportCommittedV2>>;

/** TechnicalSupportMilestoneDelivered data, schema version 1. */
export const TechnicalSupportMilestoneDeliveredV1 = eventData(
  TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
  1,
  'A milestone of an active support commitment was delivered (`occurredAt` is when).',
  { supportId: EntityId, milestone: Text, note: Text },
);
/** TechnicalSupportMilestoneDelivered data (newest version). */
export type TechnicalSupportMilestoneDeliveredData = Immutable<
  Static<typeof TechnicalSupportMilestoneDeliveredV1>
>;

/** TechnicalSupportClosed data, schema version 1. */
export const TechnicalSupportClosedV1 = eventData(
  TECHNICAL_SUPPORT_CLOSED,
  1,
  'The support commitment ended: completed, cancelled or lapsed. It closes once.',
  { supportId: EntityId, outcome: OneOf(SUPPORT_OUTCOMES), note: Text },
);
/** TechnicalSupportClosed data (newest version). */
export type TechnicalSupportClosedData = Immutable<Static<typeof TechnicalSupportClosedV1>>;
