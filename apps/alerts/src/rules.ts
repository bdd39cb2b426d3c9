// What raises an alert: pure functions of one record of a topic (a recorded event or a derived event), read
// through the public contract alone. The service's own memory (the contracts it has seen awarded) comes in as an
// argument, so every rule is a function of its inputs.
import {
  CONTRACT_AWARDED,
  type ContractAwardedData,
  type DerivedEvent,
  ENTRY_RETRACTED,
  type EntryRetractedData,
  EQUIPMENT_REPLACED,
  type EquipmentReplacedData,
  type EventEnvelope,
  FOLLOW_UP_BECAME_OVERDUE,
  type FollowUpBecameOverdueData,
  HIGH_RISK_SHARE_CHANGED,
  type HighRiskShareChangedData,
  OFFER_EXPIRING,
  type OfferExpiringData,
} from '#contracts';

/** The rules, each an alert kind. */
export const ALERT_RULES = [
  'follow-up-overdue',
  'offer-expiring',
  'high-risk-share-rose',
  'high-risk-vendor-in-core',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** The network domain a high-risk vendor must not enter. */
export const CORE_DOMAIN = 'core';

/** An alert as a rule raises it; the store gives it its id (from rule and source) and its time raised. */
export interface RaisedAlert {
  readonly rule: AlertRule;
  readonly country: string;
  readonly classification: string;
  readonly subject: string;
  readonly title: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
  readonly sourceEventId: string;
  readonly sourceType: string;
}

/** A contract as its ContractAwarded named it: what an EquipmentReplaced under it needs to be judged. */
export interface KnownContract {
  readonly contractId: string;
  readonly country: string;
  readonly domain: string;
  readonly classification: string;
}

/** One record of a topic, decoded: a recorded event (its data valid for its schema version) or a derived one. */
export type TopicRecord =
  | { readonly kind: 'event'; readonly event: EventEnvelope }
  | { readonly kind: 'derived'; readonly event: DerivedEvent };

/** What a record means to the service: alerts to raise, a contract to remember, an alert source retracted. */
export interface Outcome {
  readonly alerts: readonly RaisedAlert[];
  readonly contract?: KnownContract;
  readonly retractedEventId?: string;
}

const NOTHING: Outcome = { alerts: [] };

/** The contract whose domain a record needs judging by, if any (the caller looks it up and passes it back). */
export function contractNeeded(record: TopicRecord): string | undefined {
  if (record.kind === 'event' && record.event.type === EQUIPMENT_REPLACED)
    return (record.event.data as EquipmentReplacedData).contractId;
  return undefined;
}

/** The alerts and memory one record gives rise to. `contract` is the one contractNeeded named, when known. */
export function outcomeOf(record: TopicRecord, contract?: KnownContract): Outcome {
  return record.kind === 'derived' ? fromDerived(record.event) : fromEvent(record.event, contract);
}

function fromDerived(event: DerivedEvent): Outcome {
  const base = {
    country: event.country,
    classification: event.classification,
    subject: event.subject,
    occurredAt: event.time,
    sourceEventId: event.id,
    sourceType: event.type,
  };
  switch (event.type) {
    case FOLLOW_UP_BECAME_OVERDUE: {
      const d = event.data as FollowUpBecameOverdueData;
      return {
        alerts: [
          {
            ...base,
            rule: 'follow-up-overdue',
            title: `Follow-up overdue since ${d.dueDate}: ${d.action} (owner ${d.owner})`,
            detail: d,
          },
        ],
      };
    }
    case OFFER_EXPIRING: {
      const d = event.data as OfferExpiringData;
      return {
        alerts: [
          {
            ...base,
            rule: 'offer-expiring',
            title: `Offer expires ${d.expiresOn} (${d.daysLeft} ${d.daysLeft === 1 ? 'day' : 'days'} left): ${d.description} (${d.agency})`,
            detail: d,
          },
        ],
      };
    }
    case HIGH_RISK_SHARE_CHANGED: {
      const d = event.data as HighRiskShareChangedData;
      if (d.direction !== 'rose') return NOTHING;
      const from = d.previousSharePercent === null ? '' : ` from ${d.previousSharePercent}%`;
      return {
        alerts: [
          {
            ...base,
            rule: 'high-risk-share-rose',
            title: `High-risk share of ${d.country}'s ${d.domain} (${d.unitKind}) rose${from} to ${d.sharePercent}%`,
            detail: d,
          },
        ],
      };
    }
    default:
      return NOTHING;
  }
}

function fromEvent(event: EventEnvelope, contract: KnownContract | undefined): Outcome {
  const base = {
    country: event.country,
    classification: event.classification,
    occurredAt: event.occurredAt,
    sourceEventId: event.eventId,
    sourceType: event.type,
  };
  switch (event.type) {
    case CONTRACT_AWARDED: {
      const d = event.data as ContractAwardedData;
      const known: KnownContract = {
        contractId: d.contractId,
        country: event.country,
        domain: d.domain,
        classification: event.classification,
      };
      if (d.domain !== CORE_DOMAIN || !d.vendorHighRisk) return { alerts: [], contract: known };
      return {
        contract: known,
        alerts: [
          {
            ...base,
            rule: 'high-risk-vendor-in-core',
            subject: d.contractId,
            title: `High-risk vendor ${d.vendorName} enters ${event.country}'s core network: ${d.operator} awarded ${d.units} ${d.unitKind}`,
            detail: {
              how: 'awarded',
              contractId: d.contractId,
              operator: d.operator,
              vendorId: d.vendorId,
              vendorName: d.vendorName,
              units: d.units,
              unitKind: d.unitKind,
              from: d.period.start,
            },
          },
        ],
      };
    }
    case EQUIPMENT_REPLACED: {
      const d = event.data as EquipmentReplacedData;
      if (!d.to.vendorHighRisk || contract?.domain !== CORE_DOMAIN) return NOTHING;
      return {
        alerts: [
          {
            ...base,
            rule: 'high-risk-vendor-in-core',
            subject: d.contractId,
            title: `High-risk vendor ${d.to.vendorName} enters ${event.country}'s core network: ${d.units} units replaced ${d.fromVendorId}'s`,
            detail: {
              how: 'replaced',
              contractId: d.contractId,
              vendorId: d.to.vendorId,
              vendorName: d.to.vendorName,
              replacedVendorId: d.fromVendorId,
              units: d.units,
            },
          },
        ],
      };
    }
    case ENTRY_RETRACTED:
      return { alerts: [], retractedEventId: (event.data as EntryRetractedData).targetEventId };
    default:
      return NOTHING;
  }
}
