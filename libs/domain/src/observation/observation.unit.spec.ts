import type { CommandMetadata } from '../shared/event.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  COMPETING_OFFER_OBSERVED,
  COUNTRY_RESPONSE_OBSERVED,
  type CompetingOfferObserved,
  type CompetingOfferObservedData,
  type CountryResponseObserved,
  type CountryResponseObservedData,
  type ObserveCompetingOffer,
  type ObserveCountryResponse,
  observationDecider,
} from './observation.js';

const given = deciderSpecification(observationDecider);

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-02-12T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000007',
  causationId: null,
};

const facts = {
  country: 'SY',
  classification: 'unclassified',
  source: 'secondary report of a Feb 2026 wire story',
  confidence: 'medium',
} as const;

const OBSERVED_AT = '2026-02-10T10:00:00.000Z';

const response: CountryResponseObservedData = {
  observationId: '0b5e0000-0000-7000-8000-000000000001',
  stance: 'receptive',
  speaker: { name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' },
  quote: null,
  channel: 'meeting',
  topics: ['vendor diversity'],
  vendorsMentioned: ['Huawei'],
  summary: 'Cited a wish for vendor diversity.',
};

const competing: CompetingOfferObservedData = {
  observationId: '0b5e0000-0000-7000-8000-000000000002',
  rival: { kind: 'vendor', name: 'Huawei' },
  vendorsInvolved: ['Huawei'],
  financing: 'Synthetic: vendor credit',
  amount: null,
  bundle: ['5G core'],
  summary: 'Synthetic: bundled core upgrade on credit.',
};

function observeResponse(overrides: Partial<ObserveCountryResponse> = {}): ObserveCountryResponse {
  return {
    type: 'ObserveCountryResponse',
    ...facts,
    occurredAt: new Date(OBSERVED_AT),
    response,
    metadata,
    ...overrides,
  };
}

function observeCompeting(): ObserveCompetingOffer {
  return {
    type: 'ObserveCompetingOffer',
    ...facts,
    occurredAt: new Date(OBSERVED_AT),
    offer: competing,
    metadata,
  };
}

function responseObserved(): CountryResponseObserved {
  return {
    type: COUNTRY_RESPONSE_OBSERVED,
    schemaVersion: 1,
    ...facts,
    occurredAt: OBSERVED_AT,
    data: response,
  };
}

function competingObserved(): CompetingOfferObserved {
  return {
    type: COMPETING_OFFER_OBSERVED,
    schemaVersion: 2,
    ...facts,
    occurredAt: OBSERVED_AT,
    data: competing,
  };
}

describe('observation: a country’s response', () => {
  it('records the response as CountryResponseObserved', () => {
    given([]).when(observeResponse()).thenEmits([responseObserved()]);
  });

  it('refuses to record the response twice', () => {
    given([responseObserved()])
      .when(observeResponse())
      .thenRefuses('ALREADY_RECORDED', { entity: 'observation' });
  });

  it('refuses a response dated in the future', () => {
    given([])
      .when(observeResponse({ occurredAt: new Date('2026-02-13T00:00:00Z') }))
      .thenRefuses('OCCURRED_IN_FUTURE');
  });
});

describe('observation: a competing offer', () => {
  it('records the offer as CompetingOfferObserved', () => {
    given([]).when(observeCompeting()).thenEmits([competingObserved()]);
  });

  it('refuses to record the offer twice', () => {
    given([competingObserved()]).when(observeCompeting()).thenRefuses('ALREADY_RECORDED');
  });

  it('refuses a competing offer in a stream that already holds a response', () => {
    given([responseObserved()]).when(observeCompeting()).thenRefuses('ALREADY_RECORDED');
  });
});
