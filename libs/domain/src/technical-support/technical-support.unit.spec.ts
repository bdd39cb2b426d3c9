import type { CommandMetadata } from '../shared/event.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type CloseTechnicalSupport,
  type CommitTechnicalSupport,
  type DeliverMilestone,
  TECHNICAL_SUPPORT_CLOSED,
  TECHNICAL_SUPPORT_COMMITTED,
  TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
  type TechnicalSupportClosed,
  type TechnicalSupportCommitted,
  type TechnicalSupportCommittedData,
  type TechnicalSupportEvent,
  type TechnicalSupportMilestoneDelivered,
  technicalSupportDecider,
} from './technical-support.js';

const given = deciderSpecification(technicalSupportDecider);

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-06-01T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000004',
  causationId: null,
};

const support: TechnicalSupportCommittedData = {
  supportId: '5e770000-0000-7000-8000-000000000001',
  supportType: 'network-audit',
  provider: 'NTIA',
  beneficiary: 'Ministry of Communications',
  period: { start: '2026-03-01', end: '2026-09-30' },
  budget: { minor: '120000000', currency: 'USD' },
  description: 'Synthetic: audit of core network vendors.',
};

const COMMITTED_AT = '2026-03-01T08:00:00.000Z';

function commit(overrides: Partial<CommitTechnicalSupport> = {}): CommitTechnicalSupport {
  return {
    type: 'CommitTechnicalSupport',
    country: 'SY',
    occurredAt: new Date(COMMITTED_AT),
    classification: 'restricted',
    source: null,
    confidence: 'high',
    support,
    metadata,
    ...overrides,
  };
}

function committed(): TechnicalSupportCommitted {
  return {
    type: TECHNICAL_SUPPORT_COMMITTED,
    schemaVersion: 2,
    country: 'SY',
    occurredAt: COMMITTED_AT,
    classification: 'restricted',
    source: null,
    confidence: 'high',
    data: support,
  };
}

function deliver(milestone: string, occurredAt: string): DeliverMilestone {
  return {
    type: 'DeliverMilestone',
    occurredAt: new Date(occurredAt),
    source: null,
    confidence: null,
    milestone,
    note: `${milestone} done`,
    metadata,
  };
}

function delivered(milestone: string, occurredAt: string): TechnicalSupportMilestoneDelivered {
  return {
    type: TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
    schemaVersion: 1,
    country: 'SY',
    occurredAt,
    classification: 'restricted',
    source: null,
    confidence: null,
    data: { supportId: support.supportId, milestone, note: `${milestone} done` },
  };
}

function closeSupport(overrides: Partial<CloseTechnicalSupport> = {}): CloseTechnicalSupport {
  return {
    type: 'CloseTechnicalSupport',
    occurredAt: new Date('2026-05-30T12:00:00Z'),
    source: null,
    confidence: null,
    outcome: 'completed',
    note: 'Final report delivered.',
    metadata,
    ...overrides,
  };
}

function closedSupport(): TechnicalSupportClosed {
  return {
    type: TECHNICAL_SUPPORT_CLOSED,
    schemaVersion: 1,
    country: 'SY',
    occurredAt: '2026-05-30T12:00:00.000Z',
    classification: 'restricted',
    source: null,
    confidence: null,
    data: { supportId: support.supportId, outcome: 'completed', note: 'Final report delivered.' },
  };
}

function fold(events: readonly TechnicalSupportEvent[]) {
  return events.reduce(technicalSupportDecider.evolve, technicalSupportDecider.initialState());
}

describe('technical support: committing', () => {
  it('records the commitment as TechnicalSupportCommitted', () => {
    given([]).when(commit()).thenEmits([committed()]);
  });

  it('refuses a support period that ends before it starts', () => {
    given([])
      .when(commit({ support: { ...support, period: { start: '2026-03-01', end: '2026-02-01' } } }))
      .thenRefuses('INVALID_PERIOD', { field: 'period.end' });
  });

  it('folds a commitment into an active one with no milestones', () => {
    expect(fold([committed()])).toMatchObject({ status: 'active', milestones: [], outcome: null });
  });

  it('refuses to record the same commitment twice', () => {
    given([committed()]).when(commit()).thenRefuses('ALREADY_RECORDED');
  });

  it('refuses a commitment dated in the future', () => {
    given([])
      .when(commit({ occurredAt: new Date('2026-06-02T00:00:00Z') }))
      .thenRefuses('OCCURRED_IN_FUTURE');
  });
});

describe('technical support: delivering milestones', () => {
  it('records a milestone in the commitment’s country and classification', () => {
    given([committed()])
      .when(deliver('Inventory', '2026-04-01T00:00:00.000Z'))
      .thenEmits([delivered('Inventory', '2026-04-01T00:00:00.000Z')]);
  });

  it('accumulates milestones in the order delivered', () => {
    const state = fold([
      committed(),
      delivered('Inventory', '2026-04-01T00:00:00.000Z'),
      delivered('Core review', '2026-05-01T00:00:00.000Z'),
    ]);
    expect(state).toMatchObject({
      status: 'active',
      milestones: [
        { milestone: 'Inventory', deliveredAt: '2026-04-01T00:00:00.000Z', note: 'Inventory done' },
        { milestone: 'Core review', deliveredAt: '2026-05-01T00:00:00.000Z', note: 'Core review done' },
      ],
    });
  });

  it('refuses a milestone of a commitment that was never made', () => {
    given([])
      .when(deliver('Inventory', '2026-04-01T00:00:00.000Z'))
      .thenRefuses('TECHNICAL_SUPPORT_COMMITMENT_NOT_FOUND');
  });

  it('refuses a milestone dated before the commitment', () => {
    given([committed()])
      .when(deliver('Inventory', '2026-02-01T00:00:00.000Z'))
      .thenRefuses('OCCURRED_BEFORE_ENTRY');
  });
});

describe('technical support: closing', () => {
  it('records the close with its outcome', () => {
    given([committed()]).when(closeSupport()).thenEmits([closedSupport()]);
  });

  it('folds a close into a closed commitment with outcome and date, keeping its milestones', () => {
    const state = fold([committed(), delivered('Inventory', '2026-04-01T00:00:00.000Z'), closedSupport()]);
    expect(state).toMatchObject({
      status: 'closed',
      outcome: 'completed',
      closedAt: '2026-05-30T12:00:00.000Z',
      milestones: [{ milestone: 'Inventory' }],
    });
  });

  it('refuses a milestone after the close, naming state closed', () => {
    given([committed(), closedSupport()])
      .when(deliver('Late extra', '2026-05-31T00:00:00.000Z'))
      .thenRefuses('ILLEGAL_TRANSITION', {
        entity: 'technical support commitment',
        attempted: 'deliver a milestone of',
        currentState: 'closed',
      });
  });

  it('refuses to close a commitment twice, naming state closed', () => {
    given([committed(), closedSupport()])
      .when(closeSupport({ outcome: 'cancelled' }))
      .thenRefuses('ILLEGAL_TRANSITION', { attempted: 'close', currentState: 'closed' });
  });

  it('refuses to close a commitment that was never made', () => {
    given([]).when(closeSupport()).thenRefuses('TECHNICAL_SUPPORT_COMMITMENT_NOT_FOUND');
  });
});
