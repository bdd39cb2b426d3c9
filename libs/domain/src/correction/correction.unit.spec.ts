import type { CommandMetadata, RecordedEvent } from '../shared/event.js';
import { upcast } from '../shared/upcasting.js';
import {
  applyCorrections,
  type CorrectEntry,
  ENTRY_CORRECTED,
  ENTRY_RETRACTED,
  type EntryRetractedData,
  type RetractEntry,
  resolveCorrections,
} from './correction.js';
import type { EntryCorrectedDataVersion2 } from './correction.upcasters.js';
import { decideCorrection } from './decide-correction.js';

const STREAM = 'engagement-0191f4d2-0000-7000-8000-000000000001';
const MEETING_EVENT = 'e0000000-0000-7000-8000-000000000001';
const OTHER_EVENT = 'e0000000-0000-7000-8000-000000000002';

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-02-20T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000008',
  causationId: null,
};

function envelope(eventId: string, streamVersion: number, recordedAt: string) {
  return {
    eventId,
    schemaVersion: 1,
    streamId: STREAM,
    streamVersion,
    globalPosition: String(100 + streamVersion),
    country: 'SY',
    occurredAt: '2026-02-10T10:00:00.000Z',
    recordedAt,
    recordedBy: 'desk.officer@example.gov',
    classification: 'confidential' as const,
    source: 'cable 26-DAM-0042',
    confidence: 'medium' as const,
    correlationId: 'c',
    causationId: null,
  };
}

function meetingHeld(): RecordedEvent {
  return {
    ...envelope(MEETING_EVENT, 1, '2026-02-12T09:00:00.000Z'),
    type: 'EnvoyMeetingHeld',
    data: {
      meetingId: 'm-1',
      location: 'Damascus',
      topics: ['telecom reform'],
      outcome: null,
      summary: 'Discussed vendor diversity.',
    },
  };
}

function corrected(
  eventId: string,
  streamVersion: number,
  recordedAt: string,
  changes: Record<string, unknown>,
  targetEventId = MEETING_EVENT,
): RecordedEvent {
  const data: EntryCorrectedDataVersion2 = {
    targetEventId,
    targetType: 'EnvoyMeetingHeld',
    changes,
    reason: `fix ${streamVersion}`,
  };
  return {
    ...envelope(eventId, streamVersion, recordedAt),
    occurredAt: recordedAt,
    source: null,
    confidence: null,
    recordedBy: `officer-${streamVersion}@example.gov`,
    type: ENTRY_CORRECTED,
    data,
  };
}

function retracted(
  eventId: string,
  streamVersion: number,
  recordedAt: string,
  targetEventId = MEETING_EVENT,
): RecordedEvent {
  const data: EntryRetractedData = {
    targetEventId,
    targetType: 'EnvoyMeetingHeld',
    reason: 'Never happened.',
  };
  return {
    ...envelope(eventId, streamVersion, recordedAt),
    occurredAt: recordedAt,
    source: null,
    confidence: null,
    type: ENTRY_RETRACTED,
    data,
  };
}

function correct(changes: Record<string, unknown>, targetEventId = MEETING_EVENT): CorrectEntry {
  return { type: 'CorrectEntry', targetEventId, changes, reason: 'Officer misheard.', metadata };
}

function retract(targetEventId = MEETING_EVENT): RetractEntry {
  return { type: 'RetractEntry', targetEventId, reason: 'Logged in the wrong country.', metadata };
}

function refusal(code: string, details: Record<string, unknown> = {}) {
  return expect.objectContaining({ code, details: expect.objectContaining(details) });
}

describe('correcting an entry', () => {
  it('records EntryCorrected in the target’s country and classification, dated when logged', () => {
    expect(decideCorrection(correct({ location: 'Aleppo' }), [meetingHeld()])).toEqual([
      {
        type: ENTRY_CORRECTED,
        schemaVersion: 3,
        country: 'SY',
        occurredAt: '2026-02-20T09:00:00.000Z',
        classification: 'confidential',
        source: null,
        confidence: null,
        data: {
          targetEventId: MEETING_EVENT,
          targetType: 'EnvoyMeetingHeld',
          changes: { location: 'Aleppo' },
          reason: 'Officer misheard.',
          // The meeting as it now reads: the one corrected field replaced, everything else as recorded.
          corrected: {
            type: 'EnvoyMeetingHeld',
            schemaVersion: meetingHeld().schemaVersion,
            occurredAt: meetingHeld().occurredAt,
            source: meetingHeld().source,
            confidence: meetingHeld().confidence,
            data: { ...(meetingHeld().data as Record<string, unknown>), location: 'Aleppo' },
          },
        },
      },
    ]);
  });

  it('corrects the date the entry happened', () => {
    const [event] = decideCorrection(correct({ occurredAt: '2026-02-09T10:00:00Z' }), [meetingHeld()]);
    expect(event?.data).toMatchObject({ changes: { occurredAt: '2026-02-09T10:00:00Z' } });
  });

  it('refuses a corrected date in the future', () => {
    expect(() => decideCorrection(correct({ occurredAt: '2026-03-01T00:00:00Z' }), [meetingHeld()])).toThrow(
      refusal('OCCURRED_IN_FUTURE'),
    );
  });

  it('refuses a corrected date that is not a date', () => {
    expect(() => decideCorrection(correct({ occurredAt: 'last Tuesday' }), [meetingHeld()])).toThrow(
      refusal('CORRECTION_TYPE_MISMATCH', { fields: ['occurredAt'] }),
    );
  });

  it('refuses a field the entry does not have, listing the correctable ones', () => {
    expect(() => decideCorrection(correct({ venue: 'Aleppo' }), [meetingHeld()])).toThrow(
      refusal('UNCORRECTABLE_FIELDS', {
        fields: ['venue'],
        correctable: [
          'occurredAt',
          'source',
          'confidence',
          'location',
          'envoys',
          'counterparts',
          'topics',
          'concerns',
          'vendorsDiscussed',
          'summary',
          'outcome',
          'nextSteps',
        ],
      }),
    );
  });

  it('refuses to correct an id field', () => {
    expect(() => decideCorrection(correct({ meetingId: 'm-2' }), [meetingHeld()])).toThrow(
      refusal('UNCORRECTABLE_FIELDS', { fields: ['meetingId'] }),
    );
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses %s, which the entry’s data only inherits',
    (field) => {
      const changes = JSON.parse(`{"${field}": {}}`) as Record<string, unknown>;
      expect(() => decideCorrection(correct(changes), [meetingHeld()])).toThrow(
        refusal('UNCORRECTABLE_FIELDS', { fields: [field] }),
      );
    },
  );

  it.each([
    ['a number for a string', { location: 42 }, ['location']],
    ['a string for a list', { topics: 'telecom reform' }, ['topics']],
    ['a list for a string', { summary: ['a', 'b'] }, ['summary']],
  ])('refuses %s', (_what, changes, fields) => {
    expect(() => decideCorrection(correct(changes), [meetingHeld()])).toThrow(
      refusal('CORRECTION_TYPE_MISMATCH', { fields }),
    );
  });

  it('allows filling in a field that was null and clearing one to null', () => {
    expect(
      decideCorrection(correct({ outcome: 'Review agreed.', summary: null }), [meetingHeld()]),
    ).toHaveLength(1);
  });

  it('checks types against the entry as already corrected', () => {
    const history = [
      meetingHeld(),
      corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { outcome: 'Review agreed.' }),
    ];
    expect(() => decideCorrection(correct({ outcome: 3 }), history)).toThrow(
      refusal('CORRECTION_TYPE_MISMATCH', { fields: ['outcome'] }),
    );
  });

  it('refuses a correction that changes nothing', () => {
    expect(() => decideCorrection(correct({}), [meetingHeld()])).toThrow(refusal('NOTHING_TO_CORRECT'));
  });

  it('refuses to correct an entry that is not in the history', () => {
    expect(() => decideCorrection(correct({ location: 'Aleppo' }, OTHER_EVENT), [meetingHeld()])).toThrow(
      refusal('ENTRY_NOT_FOUND', { eventId: OTHER_EVENT }),
    );
  });

  it('refuses to correct a correction', () => {
    const history = [meetingHeld(), corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' })];
    expect(() => decideCorrection(correct({ reason: 'x' }, 'c-1'), history)).toThrow(
      refusal('CANNOT_CORRECT_CORRECTION'),
    );
  });

  it('refuses to correct a retracted entry, naming state retracted', () => {
    const history = [meetingHeld(), retracted('r-1', 2, '2026-02-13T09:00:00.000Z')];
    expect(() => decideCorrection(correct({ location: 'Aleppo' }), history)).toThrow(
      refusal('ILLEGAL_TRANSITION', { entity: 'entry', attempted: 'correct', currentState: 'retracted' }),
    );
  });
});

describe('retracting an entry', () => {
  it('records EntryRetracted in the target’s country and classification, dated when logged', () => {
    expect(decideCorrection(retract(), [meetingHeld()])).toEqual([
      {
        type: ENTRY_RETRACTED,
        schemaVersion: 1,
        country: 'SY',
        occurredAt: '2026-02-20T09:00:00.000Z',
        classification: 'confidential',
        source: null,
        confidence: null,
        data: {
          targetEventId: MEETING_EVENT,
          targetType: 'EnvoyMeetingHeld',
          reason: 'Logged in the wrong country.',
        },
      },
    ]);
  });

  it('refuses to retract an entry twice, naming state retracted', () => {
    const history = [meetingHeld(), retracted('r-1', 2, '2026-02-13T09:00:00.000Z')];
    expect(() => decideCorrection(retract(), history)).toThrow(
      refusal('ILLEGAL_TRANSITION', { attempted: 'retract', currentState: 'retracted' }),
    );
  });

  it('refuses to retract a correction', () => {
    const history = [meetingHeld(), corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' })];
    expect(() => decideCorrection(retract('c-1'), history)).toThrow(refusal('CANNOT_CORRECT_CORRECTION'));
  });

  it('refuses to retract an entry that is not in the history', () => {
    expect(() => decideCorrection(retract(OTHER_EVENT), [meetingHeld()])).toThrow(refusal('ENTRY_NOT_FOUND'));
  });
});

describe('resolving corrections', () => {
  it('applies corrections in order, the later one winning, and keeps the other fields', () => {
    const history = [
      meetingHeld(),
      corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo', outcome: 'Review agreed.' }),
      corrected('c-2', 3, '2026-02-14T09:00:00.000Z', { location: 'Homs' }),
    ];
    expect(resolveCorrections(history)).toEqual([
      expect.objectContaining({
        eventId: MEETING_EVENT,
        retracted: false,
        data: {
          meetingId: 'm-1',
          location: 'Homs',
          topics: ['telecom reform'],
          outcome: 'Review agreed.',
          summary: 'Discussed vendor diversity.',
        },
      }),
    ]);
  });

  it('moves the entry to its corrected date, written as an ISO instant', () => {
    const history = [
      meetingHeld(),
      corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { occurredAt: '2026-02-09T12:00:00+02:00' }),
    ];
    const [entry] = resolveCorrections(history);
    expect(entry?.occurredAt).toBe('2026-02-09T10:00:00.000Z');
    expect(entry?.data).toEqual(meetingHeld().data);
  });

  it('corrects the source and confidence of the entry itself, not fields of its data', () => {
    const history = [
      meetingHeld(),
      corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { source: 'Reuters, 26 Feb 2026', confidence: 'high' }),
      corrected('c-2', 3, '2026-02-14T09:00:00.000Z', { confidence: null }),
    ];
    const [entry] = resolveCorrections(history);
    expect(entry).toMatchObject({ source: 'Reuters, 26 Feb 2026', confidence: null });
    expect(entry?.data).toEqual(meetingHeld().data);
  });

  it('keeps the source and confidence a correction does not name', () => {
    const history = [meetingHeld(), corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Homs' })];
    expect(resolveCorrections(history)[0]).toMatchObject({
      source: 'cable 26-DAM-0042',
      confidence: 'medium',
    });
  });

  it('keeps the trail of corrections and retractions in order', () => {
    const history = [
      meetingHeld(),
      corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' }),
      retracted('r-1', 3, '2026-02-14T09:00:00.000Z'),
    ];
    expect(resolveCorrections(history)[0]?.trail).toEqual([
      {
        eventId: 'c-1',
        kind: 'correction',
        recordedAt: '2026-02-13T09:00:00.000Z',
        recordedBy: 'officer-2@example.gov',
        reason: 'fix 2',
        changes: { location: 'Aleppo' },
      },
      {
        eventId: 'r-1',
        kind: 'retraction',
        recordedAt: '2026-02-14T09:00:00.000Z',
        recordedBy: 'desk.officer@example.gov',
        reason: 'Never happened.',
        changes: null,
      },
    ]);
  });

  it('flags a retracted entry and leaves out the correction events themselves', () => {
    const history = [meetingHeld(), retracted('r-1', 2, '2026-02-13T09:00:00.000Z')];
    expect(resolveCorrections(history).map((e) => [e.eventId, e.retracted])).toEqual([[MEETING_EVENT, true]]);
  });

  it('leaves the original event untouched', () => {
    const original = meetingHeld();
    resolveCorrections([original, corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' })]);
    expect(original).toEqual(meetingHeld());
  });

  it('ignores a correction whose target is not in the history', () => {
    const history = [
      meetingHeld(),
      corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' }, OTHER_EVENT),
    ];
    expect(resolveCorrections(history)).toEqual([{ ...meetingHeld(), retracted: false, trail: [] }]);
  });
});

describe('resolving corrections as known at a time', () => {
  const history = () => [
    meetingHeld(),
    corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' }),
    corrected('c-2', 3, '2026-02-15T09:00:00.000Z', { location: 'Homs' }),
    retracted('r-1', 4, '2026-02-17T09:00:00.000Z'),
  ];

  it('ignores corrections recorded after that time', () => {
    const [entry] = resolveCorrections(history(), new Date('2026-02-14T00:00:00Z'));
    expect(entry).toMatchObject({ data: { location: 'Aleppo' }, retracted: false });
    expect(entry?.trail.map((t) => t.eventId)).toEqual(['c-1']);
  });

  it('includes a correction recorded exactly at that time', () => {
    const [entry] = resolveCorrections(history(), new Date('2026-02-15T09:00:00.000Z'));
    expect(entry).toMatchObject({ data: { location: 'Homs' }, retracted: false });
  });

  it('shows the entry as first recorded before any correction', () => {
    const [entry] = resolveCorrections(history(), new Date('2026-02-12T12:00:00Z'));
    expect(entry).toMatchObject({ data: { location: 'Damascus' }, trail: [] });
  });

  it('knows nothing of an entry recorded after that time', () => {
    expect(resolveCorrections(history(), new Date('2026-02-11T00:00:00Z'))).toEqual([]);
  });

  it('sees the retraction once it is recorded', () => {
    expect(resolveCorrections(history(), new Date('2026-02-18T00:00:00Z'))[0]?.retracted).toBe(true);
  });
});

describe('applying corrections for folding', () => {
  it('returns corrected events without trail or retraction flag', () => {
    const history = [meetingHeld(), corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' })];
    expect(applyCorrections(history)).toEqual([
      { ...meetingHeld(), data: { ...(meetingHeld().data as object), location: 'Aleppo' } },
    ]);
  });

  it('drops retracted events and keeps the rest in order', () => {
    const second: RecordedEvent = {
      ...envelope(OTHER_EVENT, 2, '2026-02-12T10:00:00.000Z'),
      type: 'FollowUpAssigned',
      data: { followUpId: 'f-1', owner: 'o', dueDate: '2026-03-01', action: 'a' },
    };
    const history = [meetingHeld(), second, retracted('r-1', 3, '2026-02-13T09:00:00.000Z')];
    expect(applyCorrections(history).map((e) => e.eventId)).toEqual([OTHER_EVENT]);
  });
});

describe('EntryCorrected version 3', () => {
  it('reads a v2 correction, given its stream, as carrying its target as corrected by it and every earlier one', () => {
    const first = {
      ...corrected('c-1', 2, '2026-02-13T09:00:00.000Z', { location: 'Aleppo' }),
      schemaVersion: 2,
    };
    const second = {
      ...corrected('c-2', 3, '2026-02-14T09:00:00.000Z', {
        summary: 'Corrected summary.',
        occurredAt: '2026-02-11T10:00:00Z',
      }),
      schemaVersion: 2,
    };
    // Without the stream it stays at v2 (a reader holding the stream finishes it).
    expect(upcast(second)).toBe(second);
    const history = [meetingHeld(), upcast(first, [meetingHeld()])];
    const read = upcast(second, history);
    expect(read.schemaVersion).toBe(3);
    expect((read.data as { corrected: unknown }).corrected).toEqual({
      type: 'EnvoyMeetingHeld',
      schemaVersion: meetingHeld().schemaVersion,
      occurredAt: '2026-02-11T10:00:00.000Z',
      source: meetingHeld().source,
      confidence: meetingHeld().confidence,
      data: { ...(meetingHeld().data as object), location: 'Aleppo', summary: 'Corrected summary.' },
    });
  });
});
