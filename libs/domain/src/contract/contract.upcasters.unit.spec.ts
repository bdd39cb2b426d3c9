import { EVENT_CATALOGUE } from '../shared/catalogue.js';
import { fold } from '../shared/decider.js';
import type { CommandMetadata } from '../shared/event.js';
import { type HistoryEvent, upcast } from '../shared/upcasting.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  CONTRACT_TERMINATED,
  type ContractAwardedData,
  type ContractEvent,
  contractDecider,
  contractHoldingChanges,
  EQUIPMENT_REPLACED,
  type RecordedContractEvent,
} from './contract.js';

const given = deciderSpecification(contractDecider);

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-06-01T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000009',
  causationId: null,
};
const facts = { country: 'SY', classification: 'unclassified', source: null, confidence: null } as const;
const contractId = 'c0a70000-0000-7000-8000-0000000000c1';
const contract: ContractAwardedData = {
  contractId,
  vendorId: 'huawei',
  vendorName: 'Huawei',
  vendorOrigin: 'CN',
  vendorHighRisk: true,
  operator: 'Syriatel',
  domain: 'ran',
  generation: '4G',
  units: 600,
  unitKind: 'sites',
  value: null,
  financing: null,
  period: { start: '2025-01-15', end: null },
  description: 'Synthetic: RAN sites.',
};
const ericsson = { vendorId: 'ericsson', vendorName: 'Ericsson', vendorOrigin: 'SE', vendorHighRisk: false };

/** A contract's events as recorded before schema version 2: amendment and termination in their v1 shapes. */

/** One stream's events upcast in order, each with the ones before it as its history (as the event store reads). */
function upcastInOrder(events: readonly RecordedContractEvent[]): RecordedContractEvent[] {
  const done: RecordedContractEvent[] = [];
  for (const event of events) done.push(upcast(event, done as unknown as HistoryEvent[]));
  return done;
}

function historyAtVersion1(): RecordedContractEvent[] {
  const events = [
    { type: CONTRACT_AWARDED, schemaVersion: 1, occurredAt: '2025-01-15T00:00:00.000Z', data: contract },
    {
      type: EQUIPMENT_REPLACED,
      schemaVersion: 1,
      occurredAt: '2025-06-01T00:00:00.000Z',
      data: { contractId, fromVendorId: 'huawei', to: ericsson, units: 200, value: null, note: 'Phase 1.' },
    },
    {
      type: CONTRACT_AMENDED,
      schemaVersion: 1,
      occurredAt: '2025-09-01T00:00:00.000Z',
      data: { contractId, changes: { units: 700 }, reason: 'Scope grew.' },
    },
    {
      type: CONTRACT_TERMINATED,
      schemaVersion: 1,
      occurredAt: '2026-01-10T00:00:00.000Z',
      data: { contractId, reason: 'Operator exited.' },
    },
  ];
  return events.map((e, i) => ({ ...facts, ...e, eventId: `event-${i + 1}` }) as RecordedContractEvent);
}

/**
 * The same history as this build writes it (ContractAmended at version 3, the others at 2), stating what
 * version 1 meant; the contract has no value, so minor units change nothing else.
 */
function historyAtVersion2(): RecordedContractEvent[] {
  return historyAtVersion1().map((event) => {
    if (event.type === CONTRACT_AMENDED)
      return { ...event, schemaVersion: 3, data: { ...event.data, unitsVendorId: null } };
    if (event.type === CONTRACT_AWARDED || event.type === EQUIPMENT_REPLACED)
      return { ...event, schemaVersion: 2 };
    if (event.type === CONTRACT_TERMINATED)
      return {
        ...event,
        schemaVersion: 2,
        data: { ...event.data, equipment: 'decommissioned', swappedInEquipment: 'decommissioned' },
      };
    return event;
  });
}

describe('contract upcasters', () => {
  it('reads a v1 ContractTerminated as decommissioning all its equipment, swapped-in units included', () => {
    const [, , , v1] = historyAtVersion1();
    expect(upcast(v1 as RecordedContractEvent)).toEqual({
      ...v1,
      schemaVersion: 2,
      data: {
        contractId,
        reason: 'Operator exited.',
        equipment: 'decommissioned',
        swappedInEquipment: 'decommissioned',
      },
    });
  });

  it('reads a v1 ContractAmended as changing the awarded vendor’s units (unitsVendorId null)', () => {
    const [, , v1] = historyAtVersion1();
    expect(upcast(v1 as RecordedContractEvent)).toEqual({
      ...v1,
      schemaVersion: 3,
      data: { contractId, changes: { units: 700 }, reason: 'Scope grew.', unitsVendorId: null },
    });
  });

  it('reads a v2 ContractTerminated, given its stream, as v3 naming each vendor’s units it removes', () => {
    const v2 = historyAtVersion2();
    const termination = v2.at(-1) as RecordedContractEvent;
    // Without the stream the chain stops at v2: a reader that holds the stream finishes it.
    expect(upcast(termination)).toBe(termination);
    expect(upcastInOrder(v2).at(-1)).toEqual({
      ...termination,
      schemaVersion: 3,
      data: {
        ...termination.data,
        domain: 'ran',
        unitKind: 'sites',
        // Huawei: 600 − 200 swapped out + 100 from the amendment to 700; Ericsson's 200 swapped in.
        removed: [
          { vendorId: 'huawei', units: 500 },
          { vendorId: 'ericsson', units: 200 },
        ],
        leftInService: [],
      },
    });
    // A correction earlier in the stream counts (150 swapped, not 200): what is removed is what the stream now says.
    const correction = {
      ...facts,
      eventId: 'event-c',
      type: 'EntryCorrected',
      schemaVersion: 2,
      occurredAt: '2025-10-01T00:00:00.000Z',
      data: {
        targetEventId: 'event-2',
        targetType: EQUIPMENT_REPLACED,
        changes: { units: 150 },
        reason: 'Recount.',
      },
    } as unknown as RecordedContractEvent;
    const corrected = upcastInOrder([...v2.slice(0, 3), correction, termination]).at(-1);
    expect(corrected?.data).toMatchObject({
      removed: [
        { vendorId: 'huawei', units: 550 },
        { vendorId: 'ericsson', units: 150 },
      ],
    });
  });

  it('leaves v2 events and other contract events as they are', () => {
    for (const event of historyAtVersion2()) expect(upcast(event)).toBe(event);
  });

  it('gives the decider the same state from a v1 history as from the v2 history that states its meaning', () => {
    const fromV1 = fold(contractDecider, upcastInOrder(historyAtVersion1()) as ContractEvent[]);
    expect(fromV1).toEqual(fold(contractDecider, historyAtVersion2()));
    // Version 1 removed every holding, the 200 Ericsson sites swapped in included.
    expect(fromV1).toMatchObject({ status: 'terminated', holdings: [] });
  });

  it('gives the same holdings ledger from a v1 history as from the v2 one', () => {
    expect(contractHoldingChanges(upcastInOrder(historyAtVersion1()))).toEqual(
      contractHoldingChanges(historyAtVersion2()),
    );
  });

  it('decides a later command on an upcast history as on a v2 one', () => {
    const amend = {
      type: 'AmendContract' as const,
      occurredAt: new Date('2026-02-01T00:00:00Z'),
      source: null,
      confidence: null,
      changes: { units: 800 },
      unitsVendorId: null,
      reason: 'Late change.',
      metadata,
    };
    // After the v1 amendment to 700 units, 800 adds 100 of the awarded vendor's.
    given(upcastInOrder(historyAtVersion1().slice(0, 3)) as ContractEvent[])
      .when(amend)
      .thenEmits([
        {
          type: CONTRACT_AMENDED,
          schemaVersion: 3,
          ...facts,
          occurredAt: '2026-02-01T00:00:00.000Z',
          data: { contractId, changes: { units: 800 }, unitsVendorId: null, reason: 'Late change.' },
        },
      ]);
    // After the v1 termination, the contract takes nothing.
    given(upcastInOrder(historyAtVersion1()) as ContractEvent[])
      .when(amend)
      .thenRefuses('ILLEGAL_TRANSITION', { currentState: 'terminated' });
  });
});

describe('the contract decider and the catalogue', () => {
  it('writes amendments and terminations at the catalogue’s newest version', () => {
    const state = fold(contractDecider, historyAtVersion2().slice(0, 2));
    const amendment = contractDecider.decide(
      {
        type: 'AmendContract',
        occurredAt: new Date('2025-09-01T00:00:00Z'),
        source: null,
        confidence: null,
        changes: { units: 700 },
        unitsVendorId: null,
        reason: 'Scope grew.',
        metadata,
      },
      state,
    );
    const termination = contractDecider.decide(
      {
        type: 'TerminateContract',
        occurredAt: new Date('2025-09-01T00:00:00Z'),
        source: null,
        confidence: null,
        reason: 'Operator exited.',
        equipment: 'decommissioned',
        swappedInEquipment: 'in-service',
        metadata,
      },
      state,
    );
    expect(amendment[0]?.schemaVersion).toBe(EVENT_CATALOGUE[CONTRACT_AMENDED]);
    expect(termination[0]?.schemaVersion).toBe(EVENT_CATALOGUE[CONTRACT_TERMINATED]);
  });
});
