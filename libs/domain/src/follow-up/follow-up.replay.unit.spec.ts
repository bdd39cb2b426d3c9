import {
  correctedHistorySpecification,
  expectReplaysAsRecorded,
  StreamHistory,
} from '../testing/stream-history.js';
import { type FollowUpAssignedData, followUpDecider } from './follow-up.js';
import { followUpCommandOf } from './follow-up.replay.js';

const STREAM = 'follow-up-0191f4d2-0000-7000-8000-0000000000f1';
const followUp: FollowUpAssignedData = {
  followUpId: '0191f4d2-0000-7000-8000-0000000000f1',
  sourceEventId: '0191f4d2-0000-7000-8000-0000000000e1',
  sourceStreamId: 'engagement-0191f4d2-0000-7000-8000-0000000000e1',
  owner: 'desk.officer.sy',
  dueDate: '2026-03-01',
  action: 'Send the roadmap.',
};

function followUpStream() {
  const stream = new StreamHistory('follow-up', STREAM, followUpDecider);
  const assigned = stream.record('2026-02-12T09:00:00Z', (metadata) => ({
    type: 'AssignFollowUp',
    country: 'SY',
    classification: 'restricted',
    occurredAt: new Date('2026-02-10T12:00:00Z'),
    source: null,
    confidence: null,
    followUp,
    metadata,
  }));
  const completed = stream.record('2026-02-20T09:00:00Z', (metadata) => ({
    type: 'CompleteFollowUp',
    occurredAt: new Date('2026-02-19T12:00:00Z'),
    source: 'minutes',
    confidence: 'high',
    note: 'Sent.',
    metadata,
  }));
  return { stream, assigned, completed };
}

const given = correctedHistorySpecification('follow-up');

describe('replaying a follow-up stream', () => {
  it('decides every recorded assignment and completion again exactly as recorded', () => {
    expectReplaysAsRecorded(followUpDecider, followUpCommandOf, followUpStream().stream.all);
  });

  it('accepts a corrected owner and a completion note', () => {
    const { stream, assigned } = followUpStream();
    given.whenChecked(stream.withCorrection(assigned, { owner: 'another.officer' })).thenAccepts();
  });

  it('refuses dates out of order: an assignment after it was logged, a completion before the assignment', () => {
    const { stream, assigned, completed } = followUpStream();
    given
      .whenChecked(stream.withCorrection(assigned, { occurredAt: '2026-02-20T00:00:00Z' }))
      .thenRefuses('OCCURRED_IN_FUTURE', { failingEventId: assigned.eventId });
    given
      .whenChecked(stream.withCorrection(completed, { occurredAt: '2026-02-01T00:00:00Z' }))
      .thenRefuses('OCCURRED_BEFORE_ENTRY', { failingEventId: completed.eventId });
  });

  it('refuses retracting the assignment while its completion stands (FOLLOW_UP_NOT_FOUND at the completion)', () => {
    const { stream, assigned, completed } = followUpStream();
    given
      .whenChecked(stream.withRetraction(assigned))
      .thenRefuses('FOLLOW_UP_NOT_FOUND', { failingEventId: completed.eventId });
  });

  it('accepts retracting the completion: the follow-up is open again', () => {
    const { stream, completed } = followUpStream();
    given.whenChecked(stream.withRetraction(completed)).thenAccepts();
  });

  it('refuses a due date the register could not store', () => {
    const { stream, assigned } = followUpStream();
    given
      .whenChecked(stream.withCorrection(assigned, { dueDate: 'next week' }))
      .thenRefuses('UNPROJECTABLE_HISTORY', { projection: 'registers' });
  });
});
