import type { CommandMetadata } from '../shared/event.js';
import type { Money } from '../shared/money.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type AmendContract,
  type AwardContract,
  CONTRACT_AMENDED,
  CONTRACT_AWARDED,
  CONTRACT_TERMINATED,
  type ContractAmended,
  type ContractAwarded,
  type ContractAwardedData,
  type ContractCommand,
  type ContractEvent,
  type ContractTerminated,
  type ContractTerms,
  contractDecider,
  contractHoldingChanges,
  EQUIPMENT_REPLACED,
  type EquipmentReplaced,
  type RecordedContractEvent,
  type ReplaceEquipment,
  type TerminateContract,
  type TerminationEquipment,
  type VendorSnapshot,
} from './contract.js';

const given = deciderSpecification(contractDecider);

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-06-01T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000005',
  causationId: null,
};

const ericsson: VendorSnapshot = {
  vendorId: 'ericsson',
  vendorName: 'Ericsson',
  vendorOrigin: 'SE',
  vendorHighRisk: false,
};

const nokia: VendorSnapshot = {
  vendorId: 'nokia',
  vendorName: 'Nokia',
  vendorOrigin: 'FI',
  vendorHighRisk: false,
};

const contract: ContractAwardedData = {
  contractId: 'c0a70000-0000-7000-8000-000000000001',
  vendorId: 'huawei',
  vendorName: 'Huawei',
  vendorOrigin: 'CN',
  vendorHighRisk: true,
  operator: 'Syriatel',
  domain: 'ran',
  generation: '4G',
  units: 600,
  unitKind: 'sites',
  value: { minor: '600000000', currency: 'USD' },
  financing: null,
  period: { start: '2025-01-15', end: null },
  description: 'Synthetic: RAN sites.',
};

const AWARDED_AT = '2025-01-15T00:00:00.000Z';
const REPLACED_AT = '2025-06-01T00:00:00.000Z';
const AMENDED_AT = '2025-09-01T00:00:00.000Z';
const TERMINATED_AT = '2026-01-10T00:00:00.000Z';

const facts = {
  country: 'SY',
  classification: 'confidential',
  source: null,
  confidence: null,
} as const;

function award(overrides: Partial<AwardContract> = {}): AwardContract {
  return {
    type: 'AwardContract',
    ...facts,
    occurredAt: new Date(AWARDED_AT),
    contract,
    metadata,
    ...overrides,
  };
}

function awarded(data: ContractAwardedData = contract): ContractAwarded {
  return { type: CONTRACT_AWARDED, schemaVersion: 2, ...facts, occurredAt: AWARDED_AT, data };
}

function amendContract(
  changes: Partial<ContractTerms>,
  occurredAt = AMENDED_AT,
  unitsVendorId: string | null = null,
): AmendContract {
  return {
    type: 'AmendContract',
    occurredAt: new Date(occurredAt),
    source: null,
    confidence: null,
    changes,
    unitsVendorId,
    reason: 'Scope changed.',
    metadata,
  };
}

function amended(
  changes: Partial<ContractTerms>,
  occurredAt = AMENDED_AT,
  unitsVendorId: string | null = null,
): ContractAmended {
  return {
    type: CONTRACT_AMENDED,
    schemaVersion: 3,
    ...facts,
    occurredAt,
    data: { contractId: contract.contractId, changes, unitsVendorId, reason: 'Scope changed.' },
  };
}

function replaceEquipment(overrides: Partial<ReplaceEquipment> = {}): ReplaceEquipment {
  return {
    type: 'ReplaceEquipment',
    occurredAt: new Date(REPLACED_AT),
    source: null,
    confidence: null,
    fromVendorId: 'huawei',
    to: ericsson,
    units: 200,
    value: null,
    note: 'Rip and replace, phase 1.',
    metadata,
    ...overrides,
  };
}

function replaced(
  units = 200,
  value: Money | null = null,
  to: VendorSnapshot = ericsson,
  occurredAt = REPLACED_AT,
): EquipmentReplaced {
  return {
    type: EQUIPMENT_REPLACED,
    schemaVersion: 2,
    ...facts,
    occurredAt,
    data: {
      contractId: contract.contractId,
      fromVendorId: 'huawei',
      to,
      units,
      value,
      note: 'Rip and replace, phase 1.',
    },
  };
}

function terminate(
  equipment: TerminationEquipment = 'decommissioned',
  swappedInEquipment: TerminationEquipment = 'in-service',
  occurredAt = TERMINATED_AT,
): TerminateContract {
  return {
    type: 'TerminateContract',
    occurredAt: new Date(occurredAt),
    source: null,
    confidence: null,
    reason: 'Operator exited the contract.',
    equipment,
    swappedInEquipment,
    metadata,
  };
}

/** A termination (v3) of a contract whose equipment in service was `held` (the awarded vendor's 600 units). */
function terminated(
  equipment: TerminationEquipment = 'decommissioned',
  swappedInEquipment: TerminationEquipment = 'in-service',
  held: readonly { vendorId: string; units: number }[] = [{ vendorId: 'huawei', units: 600 }],
): ContractTerminated {
  const stays = (vendorId: string) =>
    (vendorId === contract.vendorId ? equipment : swappedInEquipment) === 'in-service';
  return {
    type: CONTRACT_TERMINATED,
    schemaVersion: 3,
    ...facts,
    occurredAt: TERMINATED_AT,
    data: {
      contractId: contract.contractId,
      reason: 'Operator exited the contract.',
      equipment,
      swappedInEquipment,
      domain: contract.domain,
      unitKind: contract.unitKind,
      removed: held.filter((h) => !stays(h.vendorId)),
      leftInService: held.filter((h) => stays(h.vendorId)),
    },
  };
}

/** Events as recorded: the ledger names the event behind each row. */
function recorded(events: readonly ContractEvent[]): RecordedContractEvent[] {
  return events.map((event, i) => ({ ...event, eventId: `e${i + 1}` }));
}

function holdingsAfter(events: readonly ContractEvent[]) {
  const state = events.reduce(contractDecider.evolve, contractDecider.initialState());
  return state.status === 'unrecorded' ? undefined : state.holdings;
}

describe('contract: awarding', () => {
  it('records the award as ContractAwarded', () => {
    given([]).when(award()).thenEmits([awarded()]);
  });

  it('puts all units and value with the awarded vendor', () => {
    expect(holdingsAfter([awarded()])).toEqual([{ vendorId: 'huawei', units: 600, value: 600000000n }]);
  });

  it('refuses a contract period that ends before it starts', () => {
    given([])
      .when(award({ contract: { ...contract, period: { start: '2025-01-01', end: '2024-12-31' } } }))
      .thenRefuses('INVALID_PERIOD', { field: 'period.end' });
  });

  it.each([0, -5, 2.5])('refuses an award of %p units', (units) => {
    given([])
      .when(award({ contract: { ...contract, units } }))
      .thenRefuses('INVALID_UNITS', { field: 'units' });
  });

  it('refuses to award the same contract twice', () => {
    given([awarded()]).when(award()).thenRefuses('ALREADY_RECORDED', { entity: 'contract' });
  });

  it('refuses an award dated in the future', () => {
    given([])
      .when(award({ occurredAt: new Date('2026-06-02T00:00:00Z') }))
      .thenRefuses('OCCURRED_IN_FUTURE');
  });

  it('refuses changes to a contract that was never awarded', () => {
    given([])
      .when(amendContract({ units: 700 }))
      .thenRefuses('CONTRACT_NOT_FOUND');
  });
});

describe('contract: amending', () => {
  it('records the changed terms as ContractAmended', () => {
    given([awarded()])
      .when(amendContract({ units: 700 }))
      .thenEmits([amended({ units: 700 })]);
  });

  it('adds units to the awarded vendor when the contract grows', () => {
    expect(holdingsAfter([awarded(), amended({ units: 700 })])).toEqual([
      { vendorId: 'huawei', units: 700, value: 600000000n },
    ]);
  });

  it('removes units from the awarded vendor when the contract shrinks', () => {
    expect(holdingsAfter([awarded(), amended({ units: 450 })])).toEqual([
      { vendorId: 'huawei', units: 450, value: 600000000n },
    ]);
  });

  it('spreads a new contract value over the equipment in service by units, whoever holds it', () => {
    // 7,000,000 over 600 units: Huawei 400/600 = 4,666,666.67; Ericsson 200/600 = 2,333,333.33; sum exact.
    const value = { minor: '700000000', currency: 'USD' };
    expect(holdingsAfter([awarded(), replaced(), amended({ value })])).toEqual([
      { vendorId: 'huawei', units: 400, value: 466666667n },
      { vendorId: 'ericsson', units: 200, value: 233333333n },
    ]);
  });

  it('refuses an amendment that changes nothing', () => {
    given([awarded()]).when(amendContract({})).thenRefuses('NOTHING_TO_AMEND');
  });

  it('refuses to shrink the contract below the units already replaced', () => {
    given([awarded(), replaced()])
      .when(amendContract({ units: 199 }))
      .thenRefuses('UNITS_BELOW_REPLACED', { field: 'changes.units', replacedUnits: 200 });
  });

  it('allows shrinking the contract down to exactly the units already replaced', () => {
    given([awarded(), replaced()])
      .when(amendContract({ units: 200 }))
      .thenEmits([amended({ units: 200 })]);
  });

  it('refuses a value in another currency', () => {
    given([awarded()])
      .when(amendContract({ value: { minor: '550000000', currency: 'EUR' } }))
      .thenRefuses('CURRENCY_MISMATCH', { currency: 'EUR', contractCurrency: 'USD' });
  });

  it('refuses an amendment dated before the award', () => {
    given([awarded()])
      .when(amendContract({ units: 700 }, '2025-01-14T00:00:00.000Z'))
      .thenRefuses('OCCURRED_BEFORE_ENTRY');
  });
});

describe('contract: replacing equipment', () => {
  it('records the replacement as EquipmentReplaced', () => {
    given([awarded()]).when(replaceEquipment()).thenEmits([replaced()]);
  });

  it('moves the units and a proportional share of value to the new vendor', () => {
    expect(holdingsAfter([awarded(), replaced()])).toEqual([
      { vendorId: 'huawei', units: 400, value: 400000000n },
      { vendorId: 'ericsson', units: 200, value: 200000000n },
    ]);
  });

  it('moves the stated value when the replacement states one', () => {
    const value = { minor: '250000000', currency: 'USD' };
    expect(holdingsAfter([awarded(), replaced(200, value)])).toEqual([
      { vendorId: 'huawei', units: 400, value: 350000000n },
      { vendorId: 'ericsson', units: 200, value: 250000000n },
    ]);
  });

  it('drops a vendor from the holdings once all its units are replaced', () => {
    expect(holdingsAfter([awarded(), replaced(600)])).toEqual([
      { vendorId: 'ericsson', units: 600, value: 600000000n },
    ]);
  });

  it('counts replaced units', () => {
    const state = [awarded(), replaced(200), replaced(100, null, nokia)].reduce(
      contractDecider.evolve,
      contractDecider.initialState(),
    );
    expect(state).toMatchObject({ replacedUnits: 300 });
  });

  it('refuses to replace more units than the vendor holds', () => {
    given([awarded(), replaced()])
      .when(replaceEquipment({ units: 401 }))
      .thenRefuses('NOT_ENOUGH_UNITS', { field: 'units', available: 400 });
  });

  it.each([0, -100, 1.5])('refuses to replace %p units', (units) => {
    given([awarded()]).when(replaceEquipment({ units })).thenRefuses('INVALID_UNITS', { field: 'units' });
  });

  it('refuses a stated value larger than what the replaced equipment is worth under the contract', () => {
    // Huawei holds 600 units worth 6,000,000; 100 units cannot carry 6,000,001 away.
    given([awarded()])
      .when(replaceEquipment({ units: 100, value: { minor: '600000100', currency: 'USD' } }))
      .thenRefuses('VALUE_EXCEEDS_HOLDING', { field: 'value.amount', available: '6000000.00' });
  });

  it('refuses to replace units of a vendor the contract does not hold', () => {
    given([awarded()])
      .when(replaceEquipment({ fromVendorId: 'zte' }))
      .thenRefuses('NOT_ENOUGH_UNITS', { available: 0 });
  });

  it('refuses to replace a vendor’s equipment with its own', () => {
    given([awarded()])
      .when(replaceEquipment({ to: { ...ericsson, vendorId: 'huawei' } }))
      .thenRefuses('SAME_VENDOR');
  });

  it('refuses a replacement value in another currency', () => {
    given([awarded()])
      .when(replaceEquipment({ value: { minor: '180000000', currency: 'EUR' } }))
      .thenRefuses('CURRENCY_MISMATCH', { currency: 'EUR', contractCurrency: 'USD' });
  });
});

describe('contract: terminating', () => {
  it('records the termination as ContractTerminated', () => {
    given([awarded()]).when(terminate()).thenEmits([terminated()]);
  });

  it('decommissions the awarded vendor’s equipment but never silently the units swapped in under it', () => {
    expect(holdingsAfter([awarded(), replaced(), terminated('decommissioned')])).toEqual([
      { vendorId: 'ericsson', units: 200, value: 200000000n },
    ]);
  });

  it('decommissions the swapped-in units too when the termination says so', () => {
    expect(holdingsAfter([awarded(), replaced(), terminated('decommissioned', 'decommissioned')])).toEqual(
      [],
    );
  });

  it('leaves equipment stated as still in service where it is', () => {
    expect(holdingsAfter([awarded(), replaced(), terminated('in-service')])).toEqual([
      { vendorId: 'huawei', units: 400, value: 400000000n },
      { vendorId: 'ericsson', units: 200, value: 200000000n },
    ]);
  });

  it('records what happens to the equipment on ContractTerminated', () => {
    given([awarded(), replaced()])
      .when(terminate('in-service', 'decommissioned'))
      .thenEmits([
        terminated('in-service', 'decommissioned', [
          { vendorId: 'huawei', units: 400 },
          { vendorId: 'ericsson', units: 200 },
        ]),
      ]);
  });

  const afterTermination: readonly { attempted: string; command: () => ContractCommand }[] = [
    { attempted: 'amend', command: () => amendContract({ units: 700 }, '2026-02-01T00:00:00.000Z') },
    { attempted: 'replace equipment under', command: () => replaceEquipment() },
    { attempted: 'terminate', command: () => terminate() },
  ];

  it.each(afterTermination)(
    'refuses to $attempted a terminated contract, naming state terminated',
    ({ attempted, command }) => {
      given([awarded(), terminated()])
        .when(command())
        .thenRefuses('ILLEGAL_TRANSITION', { entity: 'contract', attempted, currentState: 'terminated' });
    },
  );
});

describe('contract: holding changes ledger', () => {
  const history = (): RecordedContractEvent[] =>
    recorded([
      awarded(),
      replaced(),
      amended({ units: 700 }),
      terminated('decommissioned', 'decommissioned'),
    ]);

  it('dates each change to a vendor’s holdings when it happened', () => {
    const rows = contractHoldingChanges(history()).map(
      ({ vendorId, unitsDelta, valueDelta, effectiveAt }) => ({
        vendorId,
        unitsDelta,
        valueDelta,
        effectiveAt,
      }),
    );
    expect(rows).toEqual([
      { vendorId: 'huawei', unitsDelta: 600, valueDelta: 600000000n, effectiveAt: AWARDED_AT },
      { vendorId: 'huawei', unitsDelta: -200, valueDelta: -200000000n, effectiveAt: REPLACED_AT },
      { vendorId: 'ericsson', unitsDelta: 200, valueDelta: 200000000n, effectiveAt: REPLACED_AT },
      { vendorId: 'huawei', unitsDelta: 100, valueDelta: 0n, effectiveAt: AMENDED_AT },
      { vendorId: 'huawei', unitsDelta: -500, valueDelta: -400000000n, effectiveAt: TERMINATED_AT },
      { vendorId: 'ericsson', unitsDelta: -200, valueDelta: -200000000n, effectiveAt: TERMINATED_AT },
    ]);
  });

  it('labels every row with the contract, its domain and its currency', () => {
    for (const row of contractHoldingChanges(history())) {
      expect(row).toMatchObject({ contractId: contract.contractId, domain: 'ran', currency: 'USD' });
    }
  });

  it('sums to zero for every vendor once the contract is terminated', () => {
    const totals = new Map<string, { units: number; value: bigint }>();
    for (const row of contractHoldingChanges(history())) {
      const total = totals.get(row.vendorId) ?? { units: 0, value: 0n };
      totals.set(row.vendorId, { units: total.units + row.unitsDelta, value: total.value + row.valueDelta });
    }
    expect(Object.fromEntries(totals)).toEqual({
      huawei: { units: 0, value: 0n },
      ericsson: { units: 0, value: 0n },
    });
  });

  it('writes no row for an amendment that leaves the holdings as they were', () => {
    const rows = contractHoldingChanges(recorded([awarded(), amended({ financing: 'Vendor credit' })]));
    expect(rows).toHaveLength(1);
  });
});

describe('contract: changes dated in order', () => {
  it('refuses a replacement dated before a change already recorded', () => {
    given([awarded(), amended({ units: 700 })])
      .when(replaceEquipment({ occurredAt: new Date('2025-08-31T00:00:00Z') }))
      .thenRefuses('CHANGE_BEFORE_LATEST', { latestChangeAt: AMENDED_AT });
  });

  it('refuses a termination dated before a replacement already recorded', () => {
    given([awarded(), replaced()])
      .when(terminate('decommissioned', 'in-service', '2025-05-31T00:00:00.000Z'))
      .thenRefuses('CHANGE_BEFORE_LATEST', { latestChangeAt: REPLACED_AT });
  });

  it('accepts a change dated at the same instant as the latest', () => {
    given([awarded(), replaced()])
      .when(replaceEquipment({ units: 100, to: nokia }))
      .thenEmits([replaced(100, null, nokia)]);
  });

  it('refuses a change after the contract period has ended', () => {
    const ended = { ...contract, period: { start: '2025-01-15', end: '2025-12-31' } };
    given([awarded(ended)])
      .when(replaceEquipment({ occurredAt: new Date('2026-01-01T00:00:00Z') }))
      .thenRefuses('CONTRACT_PERIOD_ENDED', { periodEnd: '2025-12-31' });
  });

  it('accepts a change on the last day of the period', () => {
    const ended = { ...contract, period: { start: '2025-01-15', end: '2025-12-31' } };
    given([awarded(ended)])
      .when(replaceEquipment({ occurredAt: new Date('2025-12-31T23:00:00Z') }))
      .thenEmits([replaced(200, null, ericsson, '2025-12-31T23:00:00.000Z')]);
  });
});

describe('contract: amendments name whose units change', () => {
  it('adds the extra units to the vendor named', () => {
    expect(holdingsAfter([awarded(), replaced(), amended({ units: 650 }, AMENDED_AT, 'ericsson')])).toEqual([
      { vendorId: 'huawei', units: 400, value: 400000000n },
      { vendorId: 'ericsson', units: 250, value: 200000000n },
    ]);
  });

  it('records the vendor on ContractAmended', () => {
    given([awarded(), replaced()])
      .when(amendContract({ units: 650 }, AMENDED_AT, 'ericsson'))
      .thenEmits([amended({ units: 650 }, AMENDED_AT, 'ericsson')]);
  });

  it('refuses a vendor that holds nothing under the contract', () => {
    given([awarded()])
      .when(amendContract({ units: 650 }, AMENDED_AT, 'nokia'))
      .thenRefuses('VENDOR_NOT_UNDER_CONTRACT', { vendorId: 'nokia' });
  });

  it('refuses to take more units from a vendor than it holds', () => {
    // Ericsson holds 200; shrinking the contract from 600 to 350 would take 250 from it.
    given([awarded(), replaced()])
      .when(amendContract({ units: 350 }, AMENDED_AT, 'ericsson'))
      .thenRefuses('UNITS_BELOW_REPLACED', { vendorId: 'ericsson', held: 200 });
  });

  it('refuses a vendor named without a change of units', () => {
    given([awarded(), replaced()])
      .when(amendContract({ financing: 'Grant' }, AMENDED_AT, 'ericsson'))
      .thenRefuses('UNITS_VENDOR_WITHOUT_UNITS');
  });
});

describe('contract: ledger follows the period and names causes', () => {
  const START = '2025-03-01T00:00:00.000Z';
  const withPeriod = (end: string | null) => ({ ...contract, period: { start: '2025-03-01', end } });

  it('counts equipment from period.start, not from the award date', () => {
    // Awarded 15 Jan, in service from 1 Mar.
    const [row] = contractHoldingChanges(recorded([awarded(withPeriod(null))]));
    expect(row).toMatchObject({ unitsDelta: 600, effectiveAt: START, causeEventId: 'e1', effect: 'change' });
  });

  it('takes the equipment out of service after period.end (the next day begins)', () => {
    const rows = contractHoldingChanges(recorded([awarded(withPeriod('2025-12-31')), replaced()]));
    expect(rows.filter((r) => r.effect === 'period-ended')).toEqual([
      expect.objectContaining({
        vendorId: 'huawei',
        unitsDelta: -400,
        effectiveAt: '2026-01-01T00:00:00.000Z',
      }),
      expect.objectContaining({
        vendorId: 'ericsson',
        unitsDelta: -200,
        effectiveAt: '2026-01-01T00:00:00.000Z',
      }),
    ]);
  });

  it('names the event behind each row and carries the unit kind', () => {
    const rows = contractHoldingChanges(recorded([awarded(), replaced()]));
    expect(rows.map((r) => [r.vendorId, r.causeEventId, r.causeType, r.unitKind])).toEqual([
      ['huawei', 'e1', CONTRACT_AWARDED, 'sites'],
      ['huawei', 'e2', EQUIPMENT_REPLACED, 'sites'],
      ['ericsson', 'e2', EQUIPMENT_REPLACED, 'sites'],
    ]);
  });

  it('keeps units swapped in under a terminated contract on the ledger', () => {
    const rows = contractHoldingChanges(recorded([awarded(), replaced(), terminated('decommissioned')]));
    const ericssonUnits = rows.filter((r) => r.vendorId === 'ericsson').reduce((n, r) => n + r.unitsDelta, 0);
    expect(ericssonUnits).toBe(200);
  });

  it('refuses a history that would leave a vendor below zero (an award corrected below replaced units)', () => {
    // As a correction would leave it: the award says 100 units, yet 200 were replaced later.
    const corrupted = recorded([awarded({ ...contract, units: 100 }), replaced(200)]);
    expect(() => contractHoldingChanges(corrupted)).toThrow(
      expect.objectContaining({
        code: 'HOLDINGS_BELOW_ZERO',
        details: expect.objectContaining({ vendorId: 'huawei' }),
      }),
    );
  });
});
