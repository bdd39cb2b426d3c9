import {
  correctedHistorySpecification,
  expectReplaysAsRecorded,
  StreamHistory,
} from '../testing/stream-history.js';
import {
  type CompetingOfferObservedData,
  type CountryResponseObservedData,
  observationDecider,
} from './observation.js';
import { observationCommandOf } from './observation.replay.js';

const STREAM = 'observation-0191f4d2-0000-7000-8000-0000000000c1';
const response: CountryResponseObservedData = {
  observationId: '0191f4d2-0000-7000-8000-0000000000c1',
  stance: 'receptive',
  speaker: { name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' },
  quote: 'We want more than one vendor.',
  channel: 'public-statement',
  topics: ['vendor diversity'],
  vendorsMentioned: ['Huawei'],
  summary: 'Synthetic statement.',
};
const rival: CompetingOfferObservedData = {
  observationId: '0191f4d2-0000-7000-8000-0000000000c1',
  rival: { kind: 'vendor', name: 'Huawei' },
  vendorsInvolved: ['Huawei'],
  financing: null,
  amount: null,
  bundle: [],
  summary: 'Synthetic package.',
};
const facts = {
  country: 'SY',
  classification: 'unclassified',
  occurredAt: new Date('2026-02-14T09:00:00Z'),
  source: null,
  confidence: null,
} as const;

function responseStream() {
  const stream = new StreamHistory('observation', STREAM, observationDecider);
  const observed = stream.record('2026-02-15T09:00:00Z', (metadata) => ({
    type: 'ObserveCountryResponse',
    ...facts,
    response,
    metadata,
  }));
  return { stream, observed };
}

const given = correctedHistorySpecification('observation');

describe('replaying an observation stream', () => {
  it('decides every recorded observation again exactly as recorded', () => {
    expectReplaysAsRecorded(observationDecider, observationCommandOf, responseStream().stream.all);
    const offers = new StreamHistory('observation', STREAM, observationDecider);
    offers.record('2026-02-15T09:00:00Z', (metadata) => ({
      type: 'ObserveCompetingOffer',
      ...facts,
      offer: rival,
      metadata,
    }));
    expectReplaysAsRecorded(observationDecider, observationCommandOf, offers.all);
  });

  it('accepts a corrected stance and confidence', () => {
    const { stream, observed } = responseStream();
    given
      .whenChecked(stream.withCorrection(observed, { stance: 'neutral', confidence: 'low' }))
      .thenAccepts();
  });

  it('refuses an observation corrected to a date after it was logged (OCCURRED_IN_FUTURE)', () => {
    const { stream, observed } = responseStream();
    given
      .whenChecked(stream.withCorrection(observed, { occurredAt: '2026-03-01T00:00:00Z' }))
      .thenRefuses('OCCURRED_IN_FUTURE', { failingEventId: observed.eventId });
  });

  it('refuses a speaker the timeline could not name', () => {
    const { stream, observed } = responseStream();
    given
      .whenChecked(stream.withCorrection(observed, { speaker: { name: 7 } }))
      .thenRefuses('UNPROJECTABLE_HISTORY', {
        projection: 'country-timeline',
        failingEventId: observed.eventId,
      });
  });
});
