import { EVENT_CATALOGUE, isKnownEvent } from './catalogue.js';
import {
  type HistoryEvent,
  UPCASTERS,
  type UpcasterRegistration,
  type UpcastSubject,
  upcast,
  upcasterChain,
} from './upcasting.js';

interface V1 {
  readonly name: string;
}
interface V2 {
  readonly fullName: string;
}
interface V3 {
  readonly fullName: string;
  readonly tags: readonly string[];
}

const seen: UpcastSubject[] = [];
const v1To2 = (data: V1, event: UpcastSubject): V2 => {
  seen.push(event);
  return { fullName: data.name };
};
const v2To3 = (data: V2, event: UpcastSubject): V3 => {
  seen.push(event);
  return { ...data, tags: [] };
};

const registrations: UpcasterRegistration[] = [
  // Out of order on purpose: the chain orders by from-version.
  { type: 'Thing', fromVersion: 2, upcast: v2To3 },
  { type: 'Thing', fromVersion: 1, upcast: v1To2 },
];

const thing = (schemaVersion: number, data: unknown) => ({
  eventId: 'e1',
  type: 'Thing',
  schemaVersion,
  country: 'SY',
  data,
});

describe('an upcaster chain', () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it('takes a type’s newest version as one more than its upcasters, and 1 for a type without any', () => {
    const chain = upcasterChain(registrations);
    expect(chain.newestVersion('Thing')).toBe(3);
    expect(chain.newestVersion('Other')).toBe(1);
  });

  it('brings v1 through v2 to v3, one step at a time, keeping the envelope', () => {
    const chain = upcasterChain(registrations);
    expect(chain.upcast(thing(1, { name: 'Ada' }))).toEqual(thing(3, { fullName: 'Ada', tags: [] }));
    // Each step sees the event at the version it upcasts from.
    expect(seen.map((e) => [e.schemaVersion, e.data])).toEqual([
      [1, { name: 'Ada' }],
      [2, { fullName: 'Ada' }],
    ]);
  });

  it('starts from the event’s own version', () => {
    const chain = upcasterChain(registrations);
    expect(chain.upcast(thing(2, { fullName: 'Ada' }))).toEqual(thing(3, { fullName: 'Ada', tags: [] }));
    expect(seen).toHaveLength(1);
  });

  it('leaves the newest version, unknown types and unknown versions as they are, for isKnownEvent to judge', () => {
    const chain = upcasterChain(registrations);
    for (const event of [
      thing(3, { fullName: 'Ada', tags: [] }),
      thing(4, { anything: true }),
      thing(0, { name: 'Ada' }),
      thing(1.5, { name: 'Ada' }),
      { ...thing(1, { name: 'Ada' }), type: 'Unknown' },
    ]) {
      expect(chain.upcast(event)).toBe(event);
    }
    expect(seen).toEqual([]);
  });

  it('is pure: the event given is not changed', () => {
    const chain = upcasterChain(registrations);
    const event = Object.freeze(thing(1, Object.freeze({ name: 'Ada' })));
    chain.upcast(event);
    expect(event).toEqual(thing(1, { name: 'Ada' }));
  });

  it('refuses a chain with a gap or a duplicate from-version, so no version can be skipped', () => {
    expect(() => upcasterChain([{ type: 'Thing', fromVersion: 2, upcast: v2To3 }])).toThrow(
      /Thing.*from version 1 without gaps/,
    );
    expect(() =>
      upcasterChain([
        { type: 'Thing', fromVersion: 1, upcast: v1To2 },
        { type: 'Thing', fromVersion: 1, upcast: v1To2 },
      ]),
    ).toThrow(/Thing/);
  });
});

describe('the event catalogue and the upcasters of this build', () => {
  it('takes each type’s newest schema version from the upcaster chain', () => {
    for (const [type, version] of Object.entries(EVENT_CATALOGUE)) {
      expect([type, version]).toEqual([type, UPCASTERS.newestVersion(type)]);
    }
  });

  it('has upcasters only for catalogued types (a misspelt type’s upcasters would never run)', () => {
    expect(UPCASTERS.types.filter((type) => !(type in EVENT_CATALOGUE))).toEqual([]);
    expect([...UPCASTERS.types].sort()).toEqual([
      'CompetingOfferObserved',
      'ContractAmended',
      'ContractAwarded',
      'ContractTerminated',
      'EntryCorrected',
      'EquipmentReplaced',
      'IncentiveOffered',
      'IncentiveTermsAmended',
      'TechnicalSupportCommitted',
    ]);
  });

  it('upcasts every known older version to one isKnownEvent accepts, up to the first step that reads history', () => {
    // The steps that read the event's stream (their own tests give them one): a reader without the stream's
    // history gets the version before them.
    const historySteps: Readonly<Record<string, number>> = { ContractTerminated: 2, EntryCorrected: 2 };
    for (const [type, newest] of Object.entries(EVENT_CATALOGUE)) {
      for (let version = 1; version <= newest; version += 1) {
        const event = upcast({ type, schemaVersion: version, data: {} });
        const reachable = Math.max(version, historySteps[type] ?? newest);
        expect([type, event.schemaVersion, isKnownEvent(event)]).toEqual([type, reachable, true]);
      }
    }
  });

  it('runs a step that reads history only when given the stream, and hands it the events before', () => {
    const seen: unknown[] = [];
    const chain = upcasterChain([
      { type: 'T', fromVersion: 1, upcast: (data: { a: number }) => ({ ...data, b: 1 }) },
      {
        type: 'T',
        fromVersion: 2,
        needsHistory: true,
        upcast: (data: { a: number }, _event, history) => {
          seen.push(history);
          return { ...data, before: history.length };
        },
      },
    ]);
    const event = { type: 'T', schemaVersion: 1, data: { a: 0 } };
    expect(chain.upcast(event)).toEqual({ type: 'T', schemaVersion: 2, data: { a: 0, b: 1 } });
    expect(seen).toEqual([]);
    const history = [{ eventId: 'e1' }, { eventId: 'e2' }] as unknown as HistoryEvent[];
    expect(chain.upcast(event, history)).toEqual({
      type: 'T',
      schemaVersion: 3,
      data: { a: 0, b: 1, before: 2 },
    });
    expect(seen).toEqual([history]);
  });
});
