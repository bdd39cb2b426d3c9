// Contract stream: telecom contracts and their equipment (libs/domain/src/contract).
import { type Static, type TSchema, Type } from 'typebox';
import {
  Described,
  EntityId,
  eventData,
  type Immutable,
  LegacyMoney,
  Money,
  NETWORK_DOMAINS,
  Nullable,
  OneOf,
  PartialObject,
  Period,
  Text,
  UNIT_KINDS,
  VENDOR_SNAPSHOT_PROPERTIES,
  VendorId,
  VendorSnapshot,
} from './shared.js';

/** What happens to equipment when its contract ends early. */
export const TERMINATION_EQUIPMENT = ['decommissioned', 'in-service'] as const;

/** Event type: an operator awarded a telecom contract to a vendor. */
export const CONTRACT_AWARDED = 'ContractAwarded';
/** Event type: a contract's units, value, financing or period changed. */
export const CONTRACT_AMENDED = 'ContractAmended';
/** Event type: a contract ended early. */
export const CONTRACT_TERMINATED = 'ContractTerminated';
/** Event type: units of one vendor's equipment were replaced by another's. */
export const EQUIPMENT_REPLACED = 'EquipmentReplaced';

const Units = Type.Integer({
  minimum: 0,
  description: 'Radio sites or pieces of equipment (see `unitKind`).',
});

function awarded<M extends TSchema>(version: number, money: M, moneyNote: string) {
  return eventData(
    CONTRACT_AWARDED,
    version,
    `An operator in the country awarded a telecom contract to a vendor (named as the registry knew it then) for one network domain: its units count toward the vendor's share of that domain from \`period.start\` until the end of \`period.end\`. ${moneyNote}`,
    {
      ...VENDOR_SNAPSHOT_PROPERTIES,
      contractId: EntityId,
      operator: Text,
      domain: OneOf(NETWORK_DOMAINS),
      generation: Text,
      units: Type.Integer({
        minimum: 1,
        description: 'Radio sites or pieces of equipment (see `unitKind`).',
      }),
      unitKind: OneOf(UNIT_KINDS),
      value: Nullable(money),
      financing: Nullable(Text),
      period: Period,
      description: Text,
    },
  );
}

/** ContractAwarded data, schema version 1: `value` a number of major units. */
export const ContractAwardedV1 = awarded(
  1,
  LegacyMoney,
  'Version 1: `value` is a JSON number of major units.',
);
/** ContractAwarded data, schema version 2: `value` in integer minor units. */
export const ContractAwardedV2 = awarded(2, Money, 'Version 2: `value` is in integer minor units.');
/** ContractAwarded data as version 1 recorded it. */
export type ContractAwardedDataV1 = Immutable<Static<typeof ContractAwardedV1>>;
/** ContractAwarded data (newest version). */
export type ContractAwardedData = Immutable<Static<typeof ContractAwardedV2>>;

function contractTerms<M extends TSchema>(money: M) {
  return PartialObject(
    { units: Units, value: Nullable(money), financing: Nullable(Text), period: Period },
    'Each changed term with its new value; a term left out is unchanged, null clears it.',
  );
}

const AMENDED = "A contract's units, value, financing or period changed.";
const UNITS_VENDOR = Nullable(
  Described(VendorId, "Whose equipment a change of `units` adds or removes; null: the awarded vendor's."),
);

/** ContractAmended data, schema version 1: no `unitsVendorId`, a changed value a number of major units. */
export const ContractAmendedV1 = eventData(
  CONTRACT_AMENDED,
  1,
  `${AMENDED} Version 1: a change of units is always the awarded vendor's; a changed value is a JSON number of major units.`,
  { contractId: EntityId, changes: contractTerms(LegacyMoney), reason: Text },
);
/** ContractAmended data, schema version 2: `unitsVendorId` added, a changed value still major units. */
export const ContractAmendedV2 = eventData(
  CONTRACT_AMENDED,
  2,
  `${AMENDED} Version 2: \`unitsVendorId\` names whose units change; a changed value is a JSON number of major units.`,
  { contractId: EntityId, changes: contractTerms(LegacyMoney), unitsVendorId: UNITS_VENDOR, reason: Text },
);
/** ContractAmended data, schema version 3: a changed value in minor units. */
export const ContractAmendedV3 = eventData(
  CONTRACT_AMENDED,
  3,
  `${AMENDED} Version 3: \`unitsVendorId\` names whose units change; a changed value is in integer minor units.`,
  { contractId: EntityId, changes: contractTerms(Money), unitsVendorId: UNITS_VENDOR, reason: Text },
);
/** ContractAmended data as version 1 recorded it. */
export type ContractAmendedDataV1 = Immutable<Static<typeof ContractAmendedV1>>;
/** ContractAmended data as version 2 recorded it. */
export type ContractAmendedDataV2 = Immutable<Static<typeof ContractAmendedV2>>;
/** ContractAmended data (newest version). */
export type ContractAmendedData = Immutable<Static<typeof ContractAmendedV3>>;

const TERMINATED =
  'The contract ended early, before the end of its period. Its country, domain and vendors are those of its ContractAwarded (same stream, `contract-<contractId>`).';

/** ContractTerminated data, schema version 1: every holding under the contract was removed. */
export const ContractTerminatedV1 = eventData(
  CONTRACT_TERMINATED,
  1,
  `${TERMINATED} Version 1: every unit under the contract, the awarded vendor's and any swapped in, is decommissioned.`,
  { contractId: EntityId, reason: Text },
);
/** ContractTerminated data, schema version 2: states what becomes of the equipment. */
export const ContractTerminatedV2 = eventData(
  CONTRACT_TERMINATED,
  2,
  `${TERMINATED} Version 2: \`equipment\` says whether the awarded vendor's units are decommissioned or stay in service, \`swappedInEquipment\` the same for units other vendors swapped in.`,
  {
    contractId: EntityId,
    reason: Text,
    equipment: OneOf(
      TERMINATION_EQUIPMENT,
      "The awarded vendor's equipment: taken out of service, or left running.",
    ),
    swappedInEquipment: OneOf(TERMINATION_EQUIPMENT, 'Units other vendors swapped in under the contract.'),
  },
);
const Holdings = (description: string) =>
  Type.Array(
    Type.Object(
      {
        vendorId: VendorId,
        units: Type.Integer({ minimum: 1, description: 'Its units (see `unitKind`).' }),
      },
      { additionalProperties: false },
    ),
    { description },
  );

/** ContractTerminated data, schema version 3: names what it removes and what it leaves in service. */
export const ContractTerminatedV3 = eventData(
  CONTRACT_TERMINATED,
  3,
  `${TERMINATED} Version 3: it also states what it does to the equipment, so a consumer can update a vendor-share figure from the event alone: the contract's \`domain\` and \`unitKind\`, each vendor's units taken out of service (\`removed\`, which leave that vendor's share of the domain) and those left in service (\`leftInService\`, no longer under contract but still counted), as the contract stood (corrections applied) when it ended.`,
  {
    contractId: EntityId,
    reason: Text,
    equipment: OneOf(
      TERMINATION_EQUIPMENT,
      "The awarded vendor's equipment: taken out of service, or left running.",
    ),
    swappedInEquipment: OneOf(TERMINATION_EQUIPMENT, 'Units other vendors swapped in under the contract.'),
    domain: OneOf(NETWORK_DOMAINS, 'The network domain the units counted in.'),
    unitKind: OneOf(UNIT_KINDS, 'What the units count: radio sites or pieces of equipment.'),
    removed: Holdings("Each vendor's units the termination takes out of service."),
    leftInService: Holdings("Each vendor's units it leaves in service."),
  },
);
/** ContractTerminated data as version 1 recorded it. */
export type ContractTerminatedDataV1 = Immutable<Static<typeof ContractTerminatedV1>>;
/** ContractTerminated data as version 2 recorded it. */
export type ContractTerminatedDataV2 = Immutable<Static<typeof ContractTerminatedV2>>;
/** ContractTerminated data (newest version). */
export type ContractTerminatedData = Immutable<Static<typeof ContractTerminatedV3>>;

function replaced<M extends TSchema>(version: number, money: M, moneyNote: string) {
  return eventData(
    EQUIPMENT_REPLACED,
    version,
    `Units of one vendor's equipment under the contract were replaced by another vendor's ("rip and replace"): \`units\` move from \`fromVendorId\` to \`to\` from \`occurredAt\`. ${moneyNote}`,
    {
      contractId: EntityId,
      fromVendorId: VendorId,
      to: VendorSnapshot,
      units: Type.Integer({ minimum: 1 }),
      value: Nullable(money),
      note: Text,
    },
  );
}

/** EquipmentReplaced data, schema version 1: `value` a number of major units. */
export const EquipmentReplacedV1 = replaced(
  1,
  LegacyMoney,
  'Version 1: `value` (contract value moving with the units) is a JSON number of major units.',
);
/** EquipmentReplaced data, schema version 2: `value` in integer minor units. */
export const EquipmentReplacedV2 = replaced(
  2,
  Money,
  'Version 2: `value` (contract value moving with the units; null: proportional to the units) is in integer minor units.',
);
/** EquipmentReplaced data as version 1 recorded it. */
export type EquipmentReplacedDataV1 = Immutable<Static<typeof EquipmentReplacedV1>>;
/** EquipmentReplaced data (newest version). */
export type EquipmentReplacedData = Immutable<Static<typeof EquipmentReplacedV2>>;
