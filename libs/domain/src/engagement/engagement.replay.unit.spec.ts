import {
  correctedHistorySpecification,
  expectReplaysAsRecorded,
  StreamHistory,
} from '../testing/stream-history.js';
import type { DialogueRoundConcludedData } from './dialogue-round-concluded.event.js';
import { engagementDecider } from './engagement.decider.js';
import { engagementCommandOf } from './engagement.replay.js';
import type { EnvoyMeetingHeldData } from './envoy-meeting-held.event.js';

const STREAM = 'engagement-0191f4d2-0000-7000-8000-0000000000e1';
const facts = {
  country: 'SY',
  classification: 'restricted',
  source: 'cable 26-DAM-0042',
  confidence: 'medium',
} as const;

const meeting: EnvoyMeetingHeldData = {
  meetingId: '0191f4d2-0000-7000-8000-0000000000e1',
  location: 'Damascus',
  envoys: [{ name: 'A. Envoy', title: 'Special Envoy', organisation: 'Department of State' }],
  counterparts: [{ name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' }],
  topics: ['telecom reform'],
  concerns: ['network-vulnerability'],
  vendorsDiscussed: ['Huawei'],
  summary: 'Synthetic meeting.',
  outcome: 'Review agreed.',
  nextSteps: [],
};

const dialogue: DialogueRoundConcludedData = {
  engagementId: '0191f4d2-0000-7000-8000-0000000000e1',
  track: 'Telecom security dialogue',
  round: 2,
  level: 'senior-officials',
  location: 'Amman',
  coChairs: [{ name: 'C. Director', title: 'Director', organisation: 'Department of State' }],
  agenda: ['Core audit'],
  jointStatement: null,
  deliverables: [],
  topics: ['cybersecurity'],
  concerns: [],
  vendorsDiscussed: [],
  summary: 'Synthetic round.',
};

function meetingStream() {
  const stream = new StreamHistory('engagement', STREAM, engagementDecider);
  const held = stream.record('2026-02-12T09:00:00Z', (metadata) => ({
    type: 'RecordEnvoyMeeting',
    ...facts,
    occurredAt: new Date('2026-02-10T10:00:00Z'),
    meeting,
    metadata,
  }));
  return { stream, held };
}

const given = correctedHistorySpecification('engagement');

describe('replaying an engagement stream', () => {
  it('decides every recorded meeting and dialogue round again exactly as recorded', () => {
    expectReplaysAsRecorded(engagementDecider, engagementCommandOf, meetingStream().stream.all);
    const rounds = new StreamHistory('engagement', STREAM, engagementDecider);
    rounds.record('2026-02-12T09:00:00Z', (metadata) => ({
      type: 'RecordDialogueRound',
      ...facts,
      occurredAt: new Date('2026-02-11T15:00:00Z'),
      dialogue,
      metadata,
    }));
    expectReplaysAsRecorded(engagementDecider, engagementCommandOf, rounds.all);
  });

  it('accepts a corrected summary, source and confidence', () => {
    const { stream, held } = meetingStream();
    given
      .whenChecked(stream.withCorrection(held, { summary: 'Better.', source: null, confidence: 'high' }))
      .thenAccepts();
  });

  it('refuses a meeting corrected to have no counterparts (PARTICIPANTS_REQUIRED), naming the meeting', () => {
    const { stream, held } = meetingStream();
    given
      .whenChecked(stream.withCorrection(held, { counterparts: [] }))
      .thenRefuses('PARTICIPANTS_REQUIRED', { failingEventId: held.eventId });
  });

  it('refuses a meeting corrected to a date after it was logged (OCCURRED_IN_FUTURE)', () => {
    const { stream, held } = meetingStream();
    given
      .whenChecked(stream.withCorrection(held, { occurredAt: '2026-02-20T00:00:00Z' }))
      .thenRefuses('OCCURRED_IN_FUTURE', { failingEventId: held.eventId, eventField: 'occurredAt' });
  });

  it('refuses a meeting whose counterparts are nulled: its rules cannot even be checked', () => {
    const { stream, held } = meetingStream();
    given
      .whenChecked(stream.withCorrection(held, { counterparts: null }))
      .thenRefuses('HISTORY_NOT_REPLAYABLE');
  });

  it('accepts retracting the meeting: nothing is left to break a rule', () => {
    const { stream, held } = meetingStream();
    given.whenChecked(stream.withRetraction(held)).thenAccepts();
  });
});
