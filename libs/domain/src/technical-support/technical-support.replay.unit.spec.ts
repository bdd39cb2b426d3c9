import {
  correctedHistorySpecification,
  expectReplaysAsRecorded,
  StreamHistory,
} from '../testing/stream-history.js';
import { type TechnicalSupportCommittedData, technicalSupportDecider } from './technical-support.js';
import { technicalSupportCommandOf } from './technical-support.replay.js';

const STREAM = 'support-0191f4d2-0000-7000-8000-0000000000b1';
const support: TechnicalSupportCommittedData = {
  supportId: '0191f4d2-0000-7000-8000-0000000000b1',
  supportType: 'network-audit',
  provider: 'CISA',
  beneficiary: 'Ministry of Communications',
  period: { start: '2026-03-01', end: '2026-09-30' },
  budget: { minor: '150000000', currency: 'USD' },
  description: 'Synthetic audit.',
};
const transition = (occurredAt: string) => ({
  occurredAt: new Date(occurredAt),
  source: null,
  confidence: null,
});

function supportStream() {
  const stream = new StreamHistory('support', STREAM, technicalSupportDecider);
  const committed = stream.record('2026-02-13T09:00:00Z', (metadata) => ({
    type: 'CommitTechnicalSupport',
    country: 'SY',
    classification: 'unclassified',
    ...transition('2026-02-13T08:00:00Z'),
    support,
    metadata,
  }));
  const milestone = stream.record('2026-04-01T09:00:00Z', (metadata) => ({
    type: 'DeliverMilestone',
    ...transition('2026-04-01T08:00:00Z'),
    milestone: 'Inventory',
    note: '',
    metadata,
  }));
  const closed = stream.record('2026-10-01T09:00:00Z', (metadata) => ({
    type: 'CloseTechnicalSupport',
    ...transition('2026-10-01T08:00:00Z'),
    outcome: 'completed',
    note: 'Done.',
    metadata,
  }));
  return { stream, committed, milestone, closed };
}

const given = correctedHistorySpecification('support');

describe('replaying a technical-support stream', () => {
  it('decides every recorded commitment, milestone and closing again exactly as recorded', () => {
    expectReplaysAsRecorded(technicalSupportDecider, technicalSupportCommandOf, supportStream().stream.all);
  });

  it('accepts a corrected provider and milestone name', () => {
    const { stream, committed } = supportStream();
    given.whenChecked(stream.withCorrection(committed, { provider: 'NTIA' })).thenAccepts();
  });

  it('refuses a period corrected to end before it starts (INVALID_PERIOD)', () => {
    const { stream, committed } = supportStream();
    given
      .whenChecked(stream.withCorrection(committed, { period: { start: '2026-03-01', end: '2026-01-01' } }))
      .thenRefuses('INVALID_PERIOD', { failingEventId: committed.eventId });
  });

  it('refuses a milestone corrected to a date before the commitment (OCCURRED_BEFORE_ENTRY)', () => {
    const { stream, milestone } = supportStream();
    given
      .whenChecked(stream.withCorrection(milestone, { occurredAt: '2026-01-01T00:00:00Z' }))
      .thenRefuses('OCCURRED_BEFORE_ENTRY', { failingEventId: milestone.eventId });
  });

  it('refuses retracting the commitment while its milestone stands', () => {
    const { stream, committed, milestone } = supportStream();
    given
      .whenChecked(stream.withRetraction(committed))
      .thenRefuses('TECHNICAL_SUPPORT_COMMITMENT_NOT_FOUND', { failingEventId: milestone.eventId });
  });
});
