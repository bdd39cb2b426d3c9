// The registry of every event type's data schema, at every schema version.
import type { TSchema } from 'typebox';
import {
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  CONTRACT_TERMINATED,
  type ContractAmendedData,
  ContractAmendedV1,
  ContractAmendedV2,
  ContractAmendedV3,
  type ContractAwardedData,
  ContractAwardedV1,
  ContractAwardedV2,
  type ContractTerminatedData,
  ContractTerminatedV1,
  ContractTerminatedV2,
  ContractTerminatedV3,
  EQUIPMENT_REPLACED,
  type EquipmentReplacedData,
  EquipmentReplacedV1,
  EquipmentReplacedV2,
} from './contract.js';
import {
  ENTRY_CORRECTED,
  ENTRY_RETRACTED,
  type EntryCorrectedData,
  EntryCorrectedV1,
  EntryCorrectedV2,
  EntryCorrectedV3,
  type EntryRetractedData,
  EntryRetractedV1,
} from './correction.js';
import {
  DIALOGUE_ROUND_CONCLUDED,
  type DialogueRoundConcludedData,
  DialogueRoundConcludedV1,
  ENVOY_MEETING_HELD,
  type EnvoyMeetingHeldData,
  EnvoyMeetingHeldV1,
} from './engagement.js';
import {
  FOLLOW_UP_ASSIGNED,
  FOLLOW_UP_COMPLETED,
  type FollowUpAssignedData,
  FollowUpAssignedV1,
  type FollowUpCompletedData,
  FollowUpCompletedV1,
} from './follow-up.js';
import {
  INCENTIVE_ACCEPTED,
  INCENTIVE_DECLINED,
  INCENTIVE_EXPIRED,
  INCENTIVE_OFFERED,
  INCENTIVE_TERMS_AMENDED,
  INCENTIVE_WITHDRAWN,
  IncentiveAcceptedV1,
  type IncentiveClosedData,
  IncentiveDeclinedV1,
  IncentiveExpiredV1,
  type IncentiveOfferedData,
  IncentiveOfferedV1,
  IncentiveOfferedV2,
  type IncentiveTermsAmendedData,
  IncentiveTermsAmendedV1,
  IncentiveTermsAmendedV2,
  IncentiveWithdrawnV1,
} from './incentive.js';
import {
  COMPETING_OFFER_OBSERVED,
  COUNTRY_RESPONSE_OBSERVED,
  type CompetingOfferObservedData,
  CompetingOfferObservedV1,
  CompetingOfferObservedV2,
  type CountryResponseObservedData,
  CountryResponseObservedV1,
} from './observation.js';
import {
  TECHNICAL_SUPPORT_CLOSED,
  TECHNICAL_SUPPORT_COMMITTED,
  TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
  type TechnicalSupportClosedData,
  TechnicalSupportClosedV1,
  type TechnicalSupportCommittedData,
  TechnicalSupportCommittedV1,
  TechnicalSupportCommittedV2,
  type TechnicalSupportMilestoneDeliveredData,
  TechnicalSupportMilestoneDeliveredV1,
} from './technical-support.js';
import {
  VENDOR_REGISTERED,
  VENDOR_RISK_RECLASSIFIED,
  type VendorRegisteredData,
  VendorRegisteredV1,
  type VendorRiskReclassifiedData,
  VendorRiskReclassifiedV1,
} from './vendor.js';

export * from './contract.js';
export * from './correction.js';
export * from './engagement.js';
export * from './follow-up.js';
export * from './incentive.js';
export * from './observation.js';
export * from './shared.js';
export * from './technical-support.js';
export * from './vendor.js';

/** Every event type's data at its newest schema version, by type. */
export interface EventDataByType {
  [ENVOY_MEETING_HELD]: EnvoyMeetingHeldData;
  [DIALOGUE_ROUND_CONCLUDED]: DialogueRoundConcludedData;
  [FOLLOW_UP_ASSIGNED]: FollowUpAssignedData;
  [FOLLOW_UP_COMPLETED]: FollowUpCompletedData;
  [INCENTIVE_OFFERED]: IncentiveOfferedData;
  [INCENTIVE_TERMS_AMENDED]: IncentiveTermsAmendedData;
  [INCENTIVE_ACCEPTED]: IncentiveClosedData;
  [INCENTIVE_DECLINED]: IncentiveClosedData;
  [INCENTIVE_WITHDRAWN]: IncentiveClosedData;
  [INCENTIVE_EXPIRED]: IncentiveClosedData;
  [TECHNICAL_SUPPORT_COMMITTED]: TechnicalSupportCommittedData;
  [TECHNICAL_SUPPORT_MILESTONE_DELIVERED]: TechnicalSupportMilestoneDeliveredData;
  [TECHNICAL_SUPPORT_CLOSED]: TechnicalSupportClosedData;
  [CONTRACT_AWARDED]: ContractAwardedData;
  [CONTRACT_AMENDED]: ContractAmendedData;
  [CONTRACT_TERMINATED]: ContractTerminatedData;
  [EQUIPMENT_REPLACED]: EquipmentReplacedData;
  [VENDOR_REGISTERED]: VendorRegisteredData;
  [VENDOR_RISK_RECLASSIFIED]: VendorRiskReclassifiedData;
  [COUNTRY_RESPONSE_OBSERVED]: CountryResponseObservedData;
  [COMPETING_OFFER_OBSERVED]: CompetingOfferObservedData;
  [ENTRY_CORRECTED]: EntryCorrectedData;
  [ENTRY_RETRACTED]: EntryRetractedData;
}

/** One of the event types the contract describes. */
export type EventTypeName = keyof EventDataByType;

/** One event type's data schema at one schema version. */
export interface EventSchemaEntry {
  readonly type: EventTypeName;
  readonly version: number;
  readonly schema: TSchema;
}

/**
 * Every event type with its data schemas, oldest version first. Keyed by type so that a type without a schema
 * does not compile; a published version is never removed or changed (tests/unit/contracts/compatibility).
 */
const SCHEMAS_BY_TYPE: { readonly [T in EventTypeName]: readonly TSchema[] } = {
  [ENVOY_MEETING_HELD]: [EnvoyMeetingHeldV1],
  [DIALOGUE_ROUND_CONCLUDED]: [DialogueRoundConcludedV1],
  [FOLLOW_UP_ASSIGNED]: [FollowUpAssignedV1],
  [FOLLOW_UP_COMPLETED]: [FollowUpCompletedV1],
  [INCENTIVE_OFFERED]: [IncentiveOfferedV1, IncentiveOfferedV2],
  [INCENTIVE_TERMS_AMENDED]: [IncentiveTermsAmendedV1, IncentiveTermsAmendedV2],
  [INCENTIVE_ACCEPTED]: [IncentiveAcceptedV1],
  [INCENTIVE_DECLINED]: [IncentiveDeclinedV1],
  [INCENTIVE_WITHDRAWN]: [IncentiveWithdrawnV1],
  [INCENTIVE_EXPIRED]: [IncentiveExpiredV1],
  [TECHNICAL_SUPPORT_COMMITTED]: [TechnicalSupportCommittedV1, TechnicalSupportCommittedV2],
  [TECHNICAL_SUPPORT_MILESTONE_DELIVERED]: [TechnicalSupportMilestoneDeliveredV1],
  [TECHNICAL_SUPPORT_CLOSED]: [TechnicalSupportClosedV1],
  [CONTRACT_AWARDED]: [ContractAwardedV1, ContractAwardedV2],
  [CONTRACT_AMENDED]: [ContractAmendedV1, ContractAmendedV2, ContractAmendedV3],
  [CONTRACT_TERMINATED]: [ContractTerminatedV1, ContractTerminatedV2, ContractTerminatedV3],
  [EQUIPMENT_REPLACED]: [EquipmentReplacedV1, EquipmentReplacedV2],
  [VENDOR_REGISTERED]: [VendorRegisteredV1],
  [VENDOR_RISK_RECLASSIFIED]: [VendorRiskReclassifiedV1],
  [COUNTRY_RESPONSE_OBSERVED]: [CountryResponseObservedV1],
  [COMPETING_OFFER_OBSERVED]: [CompetingOfferObservedV1, CompetingOfferObservedV2],
  [ENTRY_CORRECTED]: [EntryCorrectedV1, EntryCorrectedV2, EntryCorrectedV3],
  [ENTRY_RETRACTED]: [EntryRetractedV1],
};

/** Every event type the contract describes, in the order the domain's catalogue lists them. */
export const EVENT_TYPE_NAMES = Object.keys(SCHEMAS_BY_TYPE) as readonly EventTypeName[];

/** Every event type's data schema at every schema version (1 to newest). */
export const EVENT_SCHEMAS: readonly EventSchemaEntry[] = EVENT_TYPE_NAMES.flatMap((type) =>
  SCHEMAS_BY_TYPE[type].map((schema, index) => ({ type, version: index + 1, schema })),
);

function isEventTypeName(type: string): type is EventTypeName {
  return Object.hasOwn(SCHEMAS_BY_TYPE, type);
}

/** The newest schema version of a type, or undefined for a type the contract does not describe. */
export function newestSchemaVersion(type: string): number | undefined {
  return isEventTypeName(type) ? SCHEMAS_BY_TYPE[type].length : undefined;
}

/** The schema of a type's data at a version, or undefined when the contract has none. */
export function eventDataSchema(type: string, version: number): TSchema | undefined {
  if (!isEventTypeName(type) || !Number.isInteger(version) || version < 1) return undefined;
  return SCHEMAS_BY_TYPE[type][version - 1];
}
