import type { CommandMetadata } from '../shared/event.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type AmendIncentiveTerms,
  type CloseIncentive,
  INCENTIVE_ACCEPTED,
  INCENTIVE_DECLINED,
  INCENTIVE_EXPIRED,
  INCENTIVE_OFFERED,
  INCENTIVE_TERMS_AMENDED,
  INCENTIVE_WITHDRAWN,
  type IncentiveCommand,
  type IncentiveEvent,
  type IncentiveOffered,
  type IncentiveOfferedData,
  type IncentiveStatus,
  type IncentiveTermsAmended,
  incentiveDecider,
  type OfferIncentive,
} from './incentive.js';

const given = deciderSpecification(incentiveDecider);

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-03-01T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000003',
  causationId: null,
};

const offer: IncentiveOfferedData = {
  offerId: '1ace0000-0000-7000-8000-000000000001',
  instrument: 'financing',
  agency: 'DFC',
  amount: { amount: 50_000_000, currency: 'USD' },
  conditions: ['no high-risk vendor in the core'],
  expiresOn: '2026-12-31',
  description: 'Synthetic: financing toward a RAN swap.',
};

const OFFERED_AT = '2026-02-15T10:00:00.000Z';

function offerIncentive(overrides: Partial<OfferIncentive> = {}): OfferIncentive {
  return {
    type: 'OfferIncentive',
    country: 'SY',
    occurredAt: new Date(OFFERED_AT),
    classification: 'confidential',
    source: 'cable 26-DAM-0050',
    confidence: 'medium',
    offer,
    metadata,
    ...overrides,
  };
}

function offered(): IncentiveOffered {
  return {
    type: INCENTIVE_OFFERED,
    schemaVersion: 1,
    country: 'SY',
    occurredAt: OFFERED_AT,
    classification: 'confidential',
    source: 'cable 26-DAM-0050',
    confidence: 'medium',
    data: offer,
  };
}

function amendTerms(overrides: Partial<AmendIncentiveTerms> = {}): AmendIncentiveTerms {
  return {
    type: 'AmendIncentiveTerms',
    occurredAt: new Date('2026-02-20T10:00:00Z'),
    source: null,
    confidence: null,
    changes: { amount: { amount: 75_000_000, currency: 'USD' } },
    reason: 'Raised after the second round.',
    metadata,
    ...overrides,
  };
}

function amended(): IncentiveTermsAmended {
  return {
    type: INCENTIVE_TERMS_AMENDED,
    schemaVersion: 1,
    country: 'SY',
    occurredAt: '2026-02-20T10:00:00.000Z',
    classification: 'confidential',
    source: null,
    confidence: null,
    data: {
      offerId: offer.offerId,
      changes: { amount: { amount: 75_000_000, currency: 'USD' } },
      reason: 'Raised after the second round.',
    },
  };
}

type Closing = CloseIncentive['type'];

function close(type: Closing): CloseIncentive {
  return {
    type,
    occurredAt: new Date('2026-02-25T10:00:00Z'),
    source: null,
    confidence: null,
    note: 'Answer relayed by the ministry.',
    metadata,
  };
}

const CLOSINGS = [
  { command: 'AcceptIncentive', event: INCENTIVE_ACCEPTED, status: 'accepted', verb: 'accept' },
  { command: 'DeclineIncentive', event: INCENTIVE_DECLINED, status: 'declined', verb: 'decline' },
  { command: 'WithdrawIncentive', event: INCENTIVE_WITHDRAWN, status: 'withdrawn', verb: 'withdraw' },
  { command: 'ExpireIncentive', event: INCENTIVE_EXPIRED, status: 'expired', verb: 'expire' },
] as const satisfies readonly {
  command: Closing;
  event: IncentiveEvent['type'];
  status: IncentiveStatus;
  verb: string;
}[];

function closed(event: (typeof CLOSINGS)[number]['event']): IncentiveEvent {
  return {
    type: event,
    schemaVersion: 1,
    country: 'SY',
    occurredAt: '2026-02-25T10:00:00.000Z',
    classification: 'confidential',
    source: null,
    confidence: null,
    data: { offerId: offer.offerId, note: 'Answer relayed by the ministry.' },
  };
}

const TRANSITIONS: readonly { verb: string; command: () => IncentiveCommand }[] = [
  { verb: 'amend', command: () => amendTerms() },
  ...CLOSINGS.map(({ command, verb }) => ({ verb, command: () => close(command) })),
];

function fold(events: readonly IncentiveEvent[]) {
  return events.reduce(incentiveDecider.evolve, incentiveDecider.initialState());
}

describe('incentive: offering', () => {
  it('records the offer as IncentiveOffered', () => {
    given([]).when(offerIncentive()).thenEmits([offered()]);
  });

  it('folds an offer into an open offer with no amendments', () => {
    expect(fold([offered()])).toMatchObject({ status: 'offered', amendments: 0, closedAt: null });
  });

  it('refuses to record the same offer twice', () => {
    given([offered()]).when(offerIncentive()).thenRefuses('ALREADY_RECORDED');
  });

  it('refuses an offer dated in the future', () => {
    given([])
      .when(offerIncentive({ occurredAt: new Date('2026-03-02T00:00:00Z') }))
      .thenRefuses('OCCURRED_IN_FUTURE');
  });
});

describe('incentive: amending terms while offered', () => {
  it('records the changed terms as IncentiveTermsAmended', () => {
    given([offered()]).when(amendTerms()).thenEmits([amended()]);
  });

  it('folds amendments into the current terms and counts them', () => {
    const second: IncentiveTermsAmended = {
      ...amended(),
      data: { offerId: offer.offerId, changes: { expiresOn: '2027-06-30' }, reason: 'Extended.' },
    };
    expect(fold([offered(), amended(), second])).toMatchObject({
      status: 'offered',
      amount: { amount: 75_000_000, currency: 'USD' },
      expiresOn: '2027-06-30',
      conditions: offer.conditions,
      amendments: 2,
    });
  });

  it('refuses an amendment that changes nothing', () => {
    given([offered()])
      .when(amendTerms({ changes: {} }))
      .thenRefuses('NOTHING_TO_AMEND');
  });

  it('refuses to amend an offer that was never made', () => {
    given([]).when(amendTerms()).thenRefuses('INCENTIVE_OFFER_NOT_FOUND');
  });

  it('refuses an amendment dated before the offer', () => {
    given([offered()])
      .when(amendTerms({ occurredAt: new Date('2026-02-14T00:00:00Z') }))
      .thenRefuses('OCCURRED_BEFORE_ENTRY', { entryOccurredAt: OFFERED_AT });
  });

  it('refuses to amend an accepted offer', () => {
    given([offered(), closed(INCENTIVE_ACCEPTED)])
      .when(amendTerms())
      .thenRefuses('ILLEGAL_TRANSITION', { attempted: 'amend', currentState: 'accepted' });
  });
});

describe('incentive: an answer closes the offer', () => {
  it.each(CLOSINGS)('$command records $event', ({ command, event }) => {
    given([offered()])
      .when(close(command))
      .thenEmits([closed(event)]);
  });

  it.each(CLOSINGS)('$event folds into status $status with the closing date', ({ event, status }) => {
    expect(fold([offered(), closed(event)])).toMatchObject({
      status,
      closedAt: '2026-02-25T10:00:00.000Z',
    });
  });

  it.each(CLOSINGS)('$command refuses an offer that was never made', ({ command }) => {
    given([]).when(close(command)).thenRefuses('INCENTIVE_OFFER_NOT_FOUND');
  });
});

describe('incentive: a closed offer takes no further transition', () => {
  const cases = CLOSINGS.flatMap((closing) =>
    TRANSITIONS.map((transition) => ({
      closedBy: closing.event,
      currentState: closing.status,
      ...transition,
    })),
  );

  it.each(cases)(
    '$verb after $closedBy is refused naming state $currentState',
    ({ closedBy, currentState, verb, command }) => {
      given([offered(), closed(closedBy)])
        .when(command())
        .thenRefuses('ILLEGAL_TRANSITION', { entity: 'incentive offer', attempted: verb, currentState });
    },
  );
});

describe('incentive: transitions belong to the offer', () => {
  it('carry the offer’s country and classification, whatever the command says', () => {
    const stray = {
      ...close('AcceptIncentive'),
      country: 'IR',
      classification: 'unclassified',
    } as CloseIncentive;
    given([offered()])
      .when(stray)
      .thenEmits([closed(INCENTIVE_ACCEPTED)]);
  });

  it('carry the offer’s country and classification on amendments too', () => {
    const stray = { ...amendTerms(), country: 'IR', classification: 'unclassified' } as AmendIncentiveTerms;
    given([offered()]).when(stray).thenEmits([amended()]);
  });
});
