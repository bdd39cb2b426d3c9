import { CommandRejectedError, IllegalStateError } from '../shared/errors.js';
import type { CommandMetadata } from '../shared/event.js';
import { type EngagementEvent, engagementDecider } from './engagement.decider.js';
import type { EnvoyMeetingHeldData } from './envoy-meeting-held.event.js';
import type { RecordEnvoyMeeting } from './record-envoy-meeting.command.js';

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-02-12T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  causationId: null,
};

const meeting: EnvoyMeetingHeldData = {
  meetingId: '0191f4d2-0000-7000-8000-000000000001',
  location: 'Damascus',
  envoys: [{ name: 'A. Envoy', title: 'Special Envoy', organisation: 'Department of State' }],
  counterparts: [{ name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' }],
  topics: ['telecom reform'],
  concerns: ['network-vulnerability'],
  vendorsDiscussed: ['Huawei'],
  summary: 'Discussed diversifying away from high-risk vendors.',
  outcome: 'Ministry open to a technical review.',
  nextSteps: ['Share a vendor-diversity roadmap'],
};

function recordMeeting(overrides: Partial<RecordEnvoyMeeting> = {}): RecordEnvoyMeeting {
  return {
    type: 'RecordEnvoyMeeting',
    country: 'SY',
    occurredAt: new Date('2026-02-10T10:00:00Z'),
    classification: 'unclassified',
    source: 'secondary report of a Feb 2026 wire story',
    confidence: 'medium',
    meeting,
    metadata,
    ...overrides,
  };
}

function given(events: EngagementEvent[]) {
  const state = events.reduce(engagementDecider.evolve, engagementDecider.initialState());
  return {
    when: (command: RecordEnvoyMeeting) => ({
      thenEmits: (expected: EngagementEvent[]) =>
        expect(engagementDecider.decide(command, state)).toEqual(expected),
      thenRefuses: (error: new (...args: never[]) => Error, code: string) => {
        const run = () => engagementDecider.decide(command, state);
        expect(run).toThrow(error);
        expect(run).toThrow(expect.objectContaining({ code }));
      },
    }),
  };
}

const held: EngagementEvent = {
  type: 'EnvoyMeetingHeld',
  schemaVersion: 1,
  country: 'SY',
  occurredAt: '2026-02-10T10:00:00.000Z',
  classification: 'unclassified',
  source: 'secondary report of a Feb 2026 wire story',
  confidence: 'medium',
  data: meeting,
};

describe('engagement decider: recording an envoy meeting', () => {
  it('records a meeting held before it was logged as EnvoyMeetingHeld', () => {
    given([]).when(recordMeeting()).thenEmits([held]);
  });

  it('carries the classification chosen by the officer', () => {
    given([])
      .when(recordMeeting({ classification: 'confidential' }))
      .thenEmits([{ ...held, classification: 'confidential' }]);
  });

  it('accepts a meeting a few minutes ahead of the server clock', () => {
    const occurredAt = new Date(metadata.recordedAt.getTime() + 60_000);
    given([])
      .when(recordMeeting({ occurredAt }))
      .thenEmits([{ ...held, occurredAt: occurredAt.toISOString() }]);
  });

  it('refuses a meeting dated in the future', () => {
    given([])
      .when(recordMeeting({ occurredAt: new Date('2026-03-01T00:00:00Z') }))
      .thenRefuses(CommandRejectedError, 'OCCURRED_IN_FUTURE');
  });

  it('refuses a meeting without counterparts', () => {
    given([])
      .when(recordMeeting({ meeting: { ...meeting, counterparts: [] } }))
      .thenRefuses(CommandRejectedError, 'PARTICIPANTS_REQUIRED');
  });

  it('refuses to record the same meeting twice', () => {
    given([held]).when(recordMeeting()).thenRefuses(IllegalStateError, 'ALREADY_RECORDED');
  });
});
