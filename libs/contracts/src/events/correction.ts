// Corrections and retractions, appended to the stream of the entry they change (libs/domain/src/correction).
import { type Static, Type } from 'typebox';
import { Described, EventId, eventData, type Immutable, Nullable, OneOf, Text } from './shared.js';

/** Event type: an earlier event was recorded with a wrong detail. */
export const ENTRY_CORRECTED = 'EntryCorrected';
/** Event type: an earlier event should not have been recorded at all. */
export const ENTRY_RETRACTED = 'EntryRetracted';

/** The event types a correction or retraction may target: every type but corrections and retractions. */
export const CORRECTABLE_TYPES = [
  'EnvoyMeetingHeld',
  'DialogueRoundConcluded',
  'FollowUpAssigned',
  'FollowUpCompleted',
  'IncentiveOffered',
  'IncentiveTermsAmended',
  'IncentiveAccepted',
  'IncentiveDeclined',
  'IncentiveWithdrawn',
  'IncentiveExpired',
  'TechnicalSupportCommitted',
  'TechnicalSupportMilestoneDelivered',
  'TechnicalSupportClosed',
  'ContractAwarded',
  'ContractAmended',
  'ContractTerminated',
  'EquipmentReplaced',
  'VendorRegistered',
  'VendorRiskReclassified',
  'CountryResponseObserved',
  'CompetingOfferObserved',
] as const;

const TARGET = {
  targetEventId: Described(EventId, 'The `ce_id` of the event changed; an earlier event of the same stream.'),
  targetType: OneOf(CORRECTABLE_TYPES, 'The `ce_type` of the event changed.'),
};

const CORRECTED =
  "An earlier event of this stream (`targetEventId`) was recorded with a wrong detail; history keeps both. To read the target as it now reads, apply its corrections in stream order: each key of `changes` replaces that field of the target's `data` (a whole field: an object or array is replaced, not merged), except `occurredAt`, `source` and `confidence`, which replace the target's `ce_time`, `ce_infosource` and `ce_confidence` (null: none). Values have the shape the target's own schema gives the field at the newest version of the target's type. A correction's own `ce_time` is when it was recorded.";

function corrected(version: number, moneyNote: string) {
  return eventData(ENTRY_CORRECTED, version, `${CORRECTED} ${moneyNote}`, {
    ...TARGET,
    changes: Type.Record(Type.String({ minLength: 1 }), Type.Unknown(), {
      minProperties: 1,
      description:
        'Corrected fields of the target with their new values: fields of its data, or occurredAt, source, confidence.',
    }),
    reason: Text,
  });
}

/** EntryCorrected data, schema version 1: a corrected amount a number of major units. */
export const EntryCorrectedV1 = corrected(
  1,
  "Version 1: a corrected amount of money (at the place the target type's version-1 schema has one) is a JSON number of major units, `{ amount, currency }`.",
);
/** EntryCorrected data, schema version 2: a corrected amount in minor units. */
export const EntryCorrectedV2 = corrected(
  2,
  'Version 2: a corrected amount of money is in integer minor units, `{ minor, currency }`.',
);
/** EntryCorrected data, schema version 3: carries the corrected event as it now reads. */
export const EntryCorrectedV3 = eventData(
  ENTRY_CORRECTED,
  3,
  `${CORRECTED} Version 3: \`corrected\` carries the target as it reads after this correction (and every earlier one), so a consumer need not apply corrections itself: replace what it holds of the target with it.`,
  {
    ...TARGET,
    changes: Type.Record(Type.String({ minLength: 1 }), Type.Unknown(), {
      minProperties: 1,
      description:
        'Corrected fields of the target with their new values: fields of its data, or occurredAt, source, confidence.',
    }),
    reason: Text,
    corrected: Type.Object(
      {
        type: OneOf(CORRECTABLE_TYPES, 'The `ce_type` of the target.'),
        schemaVersion: Type.Integer({
          minimum: 1,
          description: "The schema version of `data`: the newest of the target's type when it was corrected.",
        }),
        occurredAt: Type.String({
          format: 'date-time',
          description: 'When the target happened, as corrected.',
        }),
        source: Nullable(Text),
        confidence: Nullable(OneOf(['high', 'medium', 'low'] as const)),
        data: Type.Record(Type.String(), Type.Unknown(), {
          description: "The target's data as corrected, valid against its type's schema at `schemaVersion`.",
        }),
      },
      { additionalProperties: false, description: 'The target as it now reads.' },
    ),
  },
);
/** EntryCorrected data as version 1 recorded it. */
export type EntryCorrectedDataV1 = Immutable<Static<typeof EntryCorrectedV1>>;
/** EntryCorrected data as version 2 recorded it. */
export type EntryCorrectedDataV2 = Immutable<Static<typeof EntryCorrectedV2>>;
/** EntryCorrected data (newest version). */
export type EntryCorrectedData = Immutable<Static<typeof EntryCorrectedV3>>;

/** EntryRetracted data, schema version 1. */
export const EntryRetractedV1 = eventData(
  ENTRY_RETRACTED,
  1,
  'An earlier event of this stream (`targetEventId`) should not have been recorded at all. It stays in history, but reads as if it had not happened: drop it (and its corrections) from any figure or state. Retracting the event that created an entry (the first of its stream) retracts the entry: the later events of its stream then change nothing. A retracted entry takes no further corrections.',
  { ...TARGET, reason: Text },
);
/** EntryRetracted data (newest version). */
export type EntryRetractedData = Immutable<Static<typeof EntryRetractedV1>>;
