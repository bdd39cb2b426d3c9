import {
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  CONTRACT_TERMINATED,
  EQUIPMENT_REPLACED,
} from '../contract/contract.js';
import type { EntryEvent } from '../correction/correctable-fields.js';
import { type CorrectionEvent, ENTRY_CORRECTED, ENTRY_RETRACTED } from '../correction/correction.js';
import { DIALOGUE_ROUND_CONCLUDED } from '../engagement/dialogue-round-concluded.event.js';
import { ENVOY_MEETING_HELD } from '../engagement/envoy-meeting-held.event.js';
import { FOLLOW_UP_ASSIGNED, FOLLOW_UP_COMPLETED } from '../follow-up/follow-up.js';
import {
  INCENTIVE_ACCEPTED,
  INCENTIVE_DECLINED,
  INCENTIVE_EXPIRED,
  INCENTIVE_OFFERED,
  INCENTIVE_TERMS_AMENDED,
  INCENTIVE_WITHDRAWN,
} from '../incentive/incentive.js';
import { COMPETING_OFFER_OBSERVED, COUNTRY_RESPONSE_OBSERVED } from '../observation/observation.js';
import {
  TECHNICAL_SUPPORT_CLOSED,
  TECHNICAL_SUPPORT_COMMITTED,
  TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
} from '../technical-support/technical-support.js';
import { VENDOR_REGISTERED, VENDOR_RISK_RECLASSIFIED } from '../vendor/vendor.js';
import { UPCASTERS } from './upcasting.js';

/** Every event type this version understands: the one list other registries are keyed by. */
export const EVENT_TYPES = [
  ENVOY_MEETING_HELD,
  DIALOGUE_ROUND_CONCLUDED,
  FOLLOW_UP_ASSIGNED,
  FOLLOW_UP_COMPLETED,
  INCENTIVE_OFFERED,
  INCENTIVE_TERMS_AMENDED,
  INCENTIVE_ACCEPTED,
  INCENTIVE_DECLINED,
  INCENTIVE_WITHDRAWN,
  INCENTIVE_EXPIRED,
  TECHNICAL_SUPPORT_COMMITTED,
  TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
  TECHNICAL_SUPPORT_CLOSED,
  CONTRACT_AWARDED,
  CONTRACT_AMENDED,
  CONTRACT_TERMINATED,
  EQUIPMENT_REPLACED,
  VENDOR_REGISTERED,
  VENDOR_RISK_RECLASSIFIED,
  COUNTRY_RESPONSE_OBSERVED,
  COMPETING_OFFER_OBSERVED,
  ENTRY_CORRECTED,
  ENTRY_RETRACTED,
] as const;

/** One of the event types this version understands; a `Record<EventType, …>` fails to compile without one. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The types of every stream's event union (and corrections'). */
type DeclaredEventType = (EntryEvent | CorrectionEvent)['type'];
/** Compiles only while EVENT_TYPES lists every declared type: an event added to a union but not here fails. */
const _everyDeclaredTypeListed: [Exclude<DeclaredEventType, EventType>] extends [never] ? true : never = true;

/**
 * Every event type with the newest schema version this version reads: one more than the type's upcasters
 * (shared/upcasting.ts), so no type's version can be raised without a way up from the last.
 */
export const EVENT_CATALOGUE: Readonly<Record<string, number>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, UPCASTERS.newestVersion(type)]),
);

/** Whether this version can read an event of that type and schema version (older ones are upcast on read). */
export function isKnownEvent(event: { readonly type: string; readonly schemaVersion: number }): boolean {
  const newest = EVENT_CATALOGUE[event.type];
  return newest !== undefined && event.schemaVersion >= 1 && event.schemaVersion <= newest;
}
