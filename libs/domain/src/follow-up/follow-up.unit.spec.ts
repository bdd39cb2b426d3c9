import type { CommandMetadata } from '../shared/event.js';
import { deciderSpecification } from '../testing/decider-specification.js';
import {
  type AssignFollowUp,
  type CompleteFollowUp,
  FOLLOW_UP_ASSIGNED,
  FOLLOW_UP_COMPLETED,
  type FollowUpAssigned,
  type FollowUpAssignedData,
  type FollowUpCompleted,
  followUpDecider,
} from './follow-up.js';

const given = deciderSpecification(followUpDecider);

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-02-20T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000002',
  causationId: null,
};

const followUp: FollowUpAssignedData = {
  followUpId: 'f0110000-0000-7000-8000-000000000001',
  sourceEventId: '0191f4d2-0000-7000-8000-0000000000aa',
  sourceStreamId: 'engagement-0191f4d2-0000-7000-8000-000000000001',
  owner: 'telecom.desk@example.gov',
  dueDate: '2026-03-01',
  action: 'Share a vendor-diversity roadmap',
};

function assign(overrides: Partial<AssignFollowUp> = {}): AssignFollowUp {
  return {
    type: 'AssignFollowUp',
    country: 'SY',
    occurredAt: new Date('2026-02-10T12:00:00Z'),
    classification: 'restricted',
    source: 'cable 26-DAM-0042',
    confidence: 'high',
    followUp,
    metadata,
    ...overrides,
  };
}

function complete(overrides: Partial<CompleteFollowUp> = {}): CompleteFollowUp {
  return {
    type: 'CompleteFollowUp',
    occurredAt: new Date('2026-02-18T15:00:00Z'),
    source: null,
    confidence: null,
    note: 'Roadmap handed over.',
    metadata,
    ...overrides,
  };
}

function assigned(): FollowUpAssigned {
  return {
    type: FOLLOW_UP_ASSIGNED,
    schemaVersion: 1,
    country: 'SY',
    occurredAt: '2026-02-10T12:00:00.000Z',
    classification: 'restricted',
    source: 'cable 26-DAM-0042',
    confidence: 'high',
    data: followUp,
  };
}

function completed(): FollowUpCompleted {
  return {
    type: FOLLOW_UP_COMPLETED,
    schemaVersion: 1,
    country: 'SY',
    occurredAt: '2026-02-18T15:00:00.000Z',
    classification: 'restricted',
    source: null,
    confidence: null,
    data: { followUpId: followUp.followUpId, note: 'Roadmap handed over.' },
  };
}

describe('follow-up: assigning', () => {
  it('records the assignment as FollowUpAssigned with the facts the officer stated', () => {
    given([]).when(assign()).thenEmits([assigned()]);
  });

  it('refuses an assignment dated more than five minutes after it was logged', () => {
    given([])
      .when(assign({ occurredAt: new Date(metadata.recordedAt.getTime() + 6 * 60_000) }))
      .thenRefuses('OCCURRED_IN_FUTURE', { field: 'occurredAt' });
  });

  it('refuses to assign the same follow-up twice', () => {
    given([assigned()]).when(assign()).thenRefuses('ALREADY_RECORDED', { entity: 'follow-up' });
  });

  it('folds an assignment into an open follow-up', () => {
    const state = [assigned()].reduce(followUpDecider.evolve, followUpDecider.initialState());
    expect(state).toMatchObject({ status: 'open', owner: followUp.owner, completedAt: null, note: null });
  });
});

describe('follow-up: due no earlier than the engagement it follows', () => {
  // The source meeting took place on 2026-02-05 at 23:30 UTC.
  const SOURCE_AT = '2026-02-05T23:30:00.000Z';

  it('refuses a due date before the day of the engagement as DUE_BEFORE_SOURCE, naming both', () => {
    given([])
      .when(assign({ sourceOccurredAt: SOURCE_AT, followUp: { ...followUp, dueDate: '2026-02-04' } }))
      .thenRefuses('DUE_BEFORE_SOURCE', {
        field: 'dueDate',
        dueDate: '2026-02-04',
        sourceOccurredAt: SOURCE_AT,
      });
  });

  it('accepts a follow-up due the very day of the engagement (UTC)', () => {
    const sameDay = { ...followUp, dueDate: '2026-02-05' };
    given([])
      .when(assign({ sourceOccurredAt: SOURCE_AT, followUp: sameDay }))
      .thenEmits([{ ...assigned(), data: sameDay }]);
  });

  it('accepts a follow-up due after the engagement', () => {
    given([])
      .when(assign({ sourceOccurredAt: SOURCE_AT }))
      .thenEmits([assigned()]);
  });

  it('leaves the due date unchecked when the source is not at hand (a replay of the follow-up alone)', () => {
    const early = { ...followUp, dueDate: '2020-01-01' };
    given([])
      .when(assign({ followUp: early }))
      .thenEmits([{ ...assigned(), data: early }]);
  });
});

describe('follow-up: completing', () => {
  it('records completion in the follow-up’s country and classification', () => {
    given([assigned()]).when(complete()).thenEmits([completed()]);
  });

  it('folds a completion into a done follow-up with its date and note', () => {
    const state = [assigned(), completed()].reduce(followUpDecider.evolve, followUpDecider.initialState());
    expect(state).toMatchObject({
      status: 'done',
      completedAt: '2026-02-18T15:00:00.000Z',
      note: 'Roadmap handed over.',
    });
  });

  it('refuses to complete a follow-up twice, naming its state as done', () => {
    given([assigned(), completed()]).when(complete()).thenRefuses('ILLEGAL_TRANSITION', {
      entity: 'follow-up',
      attempted: 'complete',
      currentState: 'done',
    });
  });

  it('refuses to complete a follow-up that was never assigned', () => {
    given([]).when(complete()).thenRefuses('FOLLOW_UP_NOT_FOUND');
  });

  it('refuses a completion dated before the assignment', () => {
    given([assigned()])
      .when(complete({ occurredAt: new Date('2026-02-09T00:00:00Z') }))
      .thenRefuses('OCCURRED_BEFORE_ENTRY', { entryOccurredAt: '2026-02-10T12:00:00.000Z' });
  });

  it('refuses a completion dated in the future', () => {
    given([assigned()])
      .when(complete({ occurredAt: new Date('2026-02-21T00:00:00Z') }))
      .thenRefuses('OCCURRED_IN_FUTURE');
  });
});
