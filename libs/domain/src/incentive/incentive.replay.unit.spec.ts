import {
  correctedHistorySpecification,
  expectReplaysAsRecorded,
  StreamHistory,
} from '../testing/stream-history.js';
import { type IncentiveOfferedData, incentiveDecider } from './incentive.js';
import { incentiveCommandOf } from './incentive.replay.js';

const STREAM = 'incentive-0191f4d2-0000-7000-8000-0000000000a1';
const offer: IncentiveOfferedData = {
  offerId: '0191f4d2-0000-7000-8000-0000000000a1',
  instrument: 'loan',
  agency: 'Development Finance Corporation',
  amount: { minor: '2500000000', currency: 'USD' },
  conditions: ['No high-risk vendor in the core'],
  expiresOn: '2026-12-31',
  description: 'Synthetic loan.',
};
const transition = (occurredAt: string) => ({
  occurredAt: new Date(occurredAt),
  source: null,
  confidence: null,
});

function offerStream() {
  const stream = new StreamHistory('incentive', STREAM, incentiveDecider);
  const offered = stream.record('2026-02-12T09:00:00Z', (metadata) => ({
    type: 'OfferIncentive',
    country: 'SY',
    classification: 'unclassified',
    ...transition('2026-02-12T08:00:00Z'),
    offer,
    metadata,
  }));
  const amended = stream.record('2026-03-01T09:00:00Z', (metadata) => ({
    type: 'AmendIncentiveTerms',
    ...transition('2026-03-01T08:00:00Z'),
    changes: { conditions: [] },
    reason: 'Eased.',
    metadata,
  }));
  const accepted = stream.record('2026-04-01T09:00:00Z', (metadata) => ({
    type: 'AcceptIncentive',
    ...transition('2026-04-01T08:00:00Z'),
    note: 'Signed.',
    metadata,
  }));
  return { stream, offered, amended, accepted };
}

const given = correctedHistorySpecification('incentive');

describe('replaying an incentive-offer stream', () => {
  it('decides every recorded offer, amendment and answer again exactly as recorded', () => {
    expectReplaysAsRecorded(incentiveDecider, incentiveCommandOf, offerStream().stream.all);
    for (const type of ['DeclineIncentive', 'WithdrawIncentive', 'ExpireIncentive'] as const) {
      const stream = new StreamHistory('incentive', STREAM, incentiveDecider);
      stream.record('2026-02-12T09:00:00Z', (metadata) => ({
        type: 'OfferIncentive',
        country: 'SY',
        classification: 'unclassified',
        ...transition('2026-02-12T08:00:00Z'),
        offer,
        metadata,
      }));
      // A lapse is recorded once the expiry (2026-12-31) has passed; the answers while the offer runs.
      const at = type === 'ExpireIncentive' ? '2027-01-01T00:00:00Z' : '2026-03-01T08:00:00Z';
      stream.record('2027-01-01T09:00:00Z', (metadata) => ({
        type,
        ...transition(at),
        note: 'Closed.',
        metadata,
      }));
      expectReplaysAsRecorded(incentiveDecider, incentiveCommandOf, stream.all);
    }
  });

  it('accepts a corrected agency and amount', () => {
    const { stream, offered } = offerStream();
    given
      .whenChecked(
        stream.withCorrection(offered, { agency: 'EXIM', amount: { minor: '100', currency: 'USD' } }),
      )
      .thenAccepts();
  });

  it('refuses an amendment corrected to change nothing (NOTHING_TO_AMEND), naming it', () => {
    const { stream, amended } = offerStream();
    given
      .whenChecked(stream.withCorrection(amended, { changes: {} }))
      .thenRefuses('NOTHING_TO_AMEND', { failingEventId: amended.eventId });
  });

  it('refuses an acceptance corrected to a date before the offer (OCCURRED_BEFORE_ENTRY)', () => {
    const { stream, accepted } = offerStream();
    given
      .whenChecked(stream.withCorrection(accepted, { occurredAt: '2026-01-01T00:00:00Z' }))
      .thenRefuses('OCCURRED_BEFORE_ENTRY', { failingEventId: accepted.eventId });
  });

  it('refuses retracting the offer while its amendment and acceptance stand', () => {
    const { stream, offered, amended } = offerStream();
    given
      .whenChecked(stream.withRetraction(offered))
      .thenRefuses('INCENTIVE_OFFER_NOT_FOUND', { failingEventId: amended.eventId });
  });

  it('refuses an expiry corrected to before the acceptance (OFFER_EXPIRED), naming the acceptance', () => {
    const { stream, offered, accepted } = offerStream();
    given
      .whenChecked(stream.withCorrection(offered, { expiresOn: '2026-03-31' }))
      .thenRefuses('OFFER_EXPIRED', { failingEventId: accepted.eventId, expiresOn: '2026-03-31' });
  });

  it('refuses an expiry corrected to after a recorded lapse (NOT_YET_EXPIRED)', () => {
    const stream = new StreamHistory('incentive', STREAM, incentiveDecider);
    const offered = stream.record('2026-02-12T09:00:00Z', (metadata) => ({
      type: 'OfferIncentive',
      country: 'SY',
      classification: 'unclassified',
      ...transition('2026-02-12T08:00:00Z'),
      offer,
      metadata,
    }));
    const expired = stream.record('2027-01-02T09:00:00Z', (metadata) => ({
      type: 'ExpireIncentive',
      ...transition('2027-01-01T00:00:00Z'),
      note: 'Lapsed.',
      metadata,
    }));
    given
      .whenChecked(stream.withCorrection(offered, { expiresOn: '2027-06-30' }))
      .thenRefuses('NOT_YET_EXPIRED', { failingEventId: expired.eventId, expiresOn: '2027-06-30' });
  });
});
