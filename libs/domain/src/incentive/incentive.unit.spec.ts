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
  offerHasLapsed,
  offerLapsesAt,
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
  amount: { minor: '5000000000', currency: 'USD' },
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
    schemaVersion: 2,
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
    changes: { amount: { minor: '7500000000', currency: 'USD' } },
    reason: 'Raised after the second round.',
    metadata,
    ...overrides,
  };
}

function amended(): IncentiveTermsAmended {
  return {
    type: INCENTIVE_TERMS_AMENDED,
    schemaVersion: 2,
    country: 'SY',
    occurredAt: '2026-02-20T10:00:00.000Z',
    classification: 'confidential',
    source: null,
    confidence: null,
    data: {
      offerId: offer.offerId,
      changes: { amount: { minor: '7500000000', currency: 'USD' } },
      reason: 'Raised after the second round.',
    },
  };
}

type Closing = CloseIncentive['type'];

/** Answers are dated while the offer runs; a lapse is recorded once it has run out (after 2026-12-31). */
const ANSWERED_AT = '2026-02-25T10:00:00.000Z';
const LAPSED_AT = '2027-01-01T00:00:00.000Z';
/** Closings are logged well after the lapse, so every closing date below is in the past when logged. */
const closingMetadata: CommandMetadata = { ...metadata, recordedAt: new Date('2028-12-31T09:00:00Z') };

const CLOSINGS = [
  {
    command: 'AcceptIncentive',
    event: INCENTIVE_ACCEPTED,
    status: 'accepted',
    verb: 'accept',
    at: ANSWERED_AT,
  },
  {
    command: 'DeclineIncentive',
    event: INCENTIVE_DECLINED,
    status: 'declined',
    verb: 'decline',
    at: ANSWERED_AT,
  },
  {
    command: 'WithdrawIncentive',
    event: INCENTIVE_WITHDRAWN,
    status: 'withdrawn',
    verb: 'withdraw',
    at: ANSWERED_AT,
  },
  { command: 'ExpireIncentive', event: INCENTIVE_EXPIRED, status: 'expired', verb: 'expire', at: LAPSED_AT },
] as const satisfies readonly {
  command: Closing;
  event: IncentiveEvent['type'];
  status: IncentiveStatus;
  verb: string;
  at: string;
}[];

const closingAt = (type: Closing) => CLOSINGS.find((c) => c.command === type)?.at ?? ANSWERED_AT;

function close(type: Closing, occurredAt: string = closingAt(type)): CloseIncentive {
  return {
    type,
    occurredAt: new Date(occurredAt),
    source: null,
    confidence: null,
    note: 'Answer relayed by the ministry.',
    metadata: closingMetadata,
  };
}

function closed(
  event: (typeof CLOSINGS)[number]['event'],
  occurredAt: string = CLOSINGS.find((c) => c.event === event)?.at ?? ANSWERED_AT,
): IncentiveEvent {
  return {
    type: event,
    schemaVersion: 1,
    country: 'SY',
    occurredAt,
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
      amount: { minor: '7500000000', currency: 'USD' },
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

  it.each(CLOSINGS)('$event folds into status $status with the closing date', ({ event, status, at }) => {
    expect(fold([offered(), closed(event)])).toMatchObject({ status, closedAt: at });
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

describe('incentive: an offer lapses after its expiresOn day (UTC)', () => {
  // The offer expires on 2026-12-31: it runs to 23:59:59.999Z that day and has lapsed from 2027-01-01T00:00Z.
  const LAST_MOMENT = '2026-12-31T23:59:59.999Z';
  const answers = CLOSINGS.filter((c) => c.command !== 'ExpireIncentive');

  it.each(answers)('$command on the last moment of expiresOn is recorded', ({ command, event }) => {
    given([offered()])
      .when(close(command, LAST_MOMENT))
      .thenEmits([closed(event, LAST_MOMENT)]);
  });

  it.each(answers)(
    '$command once the offer has lapsed is refused as OFFER_EXPIRED, naming expiresOn',
    ({ command }) => {
      given([offered()]).when(close(command, LAPSED_AT)).thenRefuses('OFFER_EXPIRED', {
        expiresOn: '2026-12-31',
        lapsedAt: LAPSED_AT,
        occurredAt: LAPSED_AT,
      });
    },
  );

  it('refuses accepting an offer 400 days past its expiry', () => {
    given([offered()])
      .when(close('AcceptIncentive', '2028-02-04T10:00:00Z'))
      .thenRefuses('OFFER_EXPIRED', { expiresOn: '2026-12-31' });
  });

  it('refuses amending the terms of a lapsed offer, even to extend it', () => {
    given([offered()])
      .when(
        amendTerms({
          occurredAt: new Date('2027-01-02T10:00:00Z'),
          changes: { expiresOn: '2027-06-30' },
          metadata: closingMetadata,
        }),
      )
      .thenRefuses('OFFER_EXPIRED', { expiresOn: '2026-12-31' });
  });

  it('judges the lapse by the expiry the amendments left, not the one first offered', () => {
    const extended: IncentiveTermsAmended = {
      ...amended(),
      data: { offerId: offer.offerId, changes: { expiresOn: '2027-06-30' }, reason: 'Extended.' },
    };
    given([offered(), extended])
      .when(close('AcceptIncentive', '2027-03-01T10:00:00Z'))
      .thenEmits([closed(INCENTIVE_ACCEPTED, '2027-03-01T10:00:00.000Z')]);
  });

  it('never lapses an offer without expiresOn: it can be accepted years later', () => {
    given([{ ...offered(), data: { ...offer, expiresOn: null } }])
      .when(close('AcceptIncentive', '2028-02-04T10:00:00Z'))
      .thenEmits([closed(INCENTIVE_ACCEPTED, '2028-02-04T10:00:00.000Z')]);
  });
});

describe('incentive: recording a lapse', () => {
  it('records IncentiveExpired from the first instant after the expiresOn day', () => {
    given([offered()])
      .when(close('ExpireIncentive', LAPSED_AT))
      .thenEmits([closed(INCENTIVE_EXPIRED, LAPSED_AT)]);
  });

  it('refuses recording a lapse before the expiry has passed as NOT_YET_EXPIRED, naming expiresOn', () => {
    given([offered()])
      .when(close('ExpireIncentive', '2026-12-31T23:59:59.999Z'))
      .thenRefuses('NOT_YET_EXPIRED', {
        expiresOn: '2026-12-31',
        lapsesAt: LAPSED_AT,
        occurredAt: '2026-12-31T23:59:59.999Z',
      });
  });

  it('refuses recording a lapse while an amendment has extended the offer', () => {
    const extended: IncentiveTermsAmended = {
      ...amended(),
      data: { offerId: offer.offerId, changes: { expiresOn: '2027-06-30' }, reason: 'Extended.' },
    };
    given([offered(), extended])
      .when(close('ExpireIncentive', LAPSED_AT))
      .thenRefuses('NOT_YET_EXPIRED', { expiresOn: '2027-06-30' });
  });

  it('lets an officer record the lapse of an offer without expiresOn, on the date they state', () => {
    given([{ ...offered(), data: { ...offer, expiresOn: null } }])
      .when(close('ExpireIncentive', ANSWERED_AT))
      .thenEmits([closed(INCENTIVE_EXPIRED, ANSWERED_AT)]);
  });
});

describe('incentive: setting the expiry', () => {
  it('refuses an offer whose expiresOn is before the day it is made as EXPIRES_IN_PAST', () => {
    given([])
      .when(offerIncentive({ offer: { ...offer, expiresOn: '2026-02-14' } }))
      .thenRefuses('EXPIRES_IN_PAST', { field: 'expiresOn', expiresOn: '2026-02-14' });
  });

  it('accepts an offer expiring the day it is made', () => {
    given([])
      .when(offerIncentive({ offer: { ...offer, expiresOn: '2026-02-15' } }))
      .thenEmits([{ ...offered(), data: { ...offer, expiresOn: '2026-02-15' } }]);
  });

  it('lets an amendment move expiresOn earlier while the offer stays open', () => {
    const earlier: IncentiveTermsAmended = {
      ...amended(),
      data: { offerId: offer.offerId, changes: { expiresOn: '2026-03-31' }, reason: 'Shortened.' },
    };
    given([offered()])
      .when(amendTerms({ changes: { expiresOn: '2026-03-31' }, reason: 'Shortened.' }))
      .thenEmits([earlier]);
  });

  it('refuses an amendment moving expiresOn before its own date as EXPIRES_IN_PAST', () => {
    given([offered()])
      .when(amendTerms({ changes: { expiresOn: '2026-02-19' } }))
      .thenRefuses('EXPIRES_IN_PAST', { field: 'changes.expiresOn', expiresOn: '2026-02-19' });
  });

  it('lets an amendment clear the expiry, leaving the offer open-ended', () => {
    const cleared: IncentiveTermsAmended = {
      ...amended(),
      data: { offerId: offer.offerId, changes: { expiresOn: null }, reason: 'Open-ended.' },
    };
    given([offered()])
      .when(amendTerms({ changes: { expiresOn: null }, reason: 'Open-ended.' }))
      .thenEmits([cleared]);
  });
});

describe('incentive: when an offer lapses', () => {
  it('is the start of the UTC day after expiresOn', () => {
    expect(offerLapsesAt('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(offerLapsesAt('2028-02-28').toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('has not happened for an open-ended offer', () => {
    expect(offerHasLapsed(null, new Date('2999-01-01T00:00:00Z'))).toBe(false);
    expect(offerHasLapsed('2026-12-31', new Date('2026-12-31T23:59:59.999Z'))).toBe(false);
    expect(offerHasLapsed('2026-12-31', new Date('2027-01-01T00:00:00Z'))).toBe(true);
  });
});
