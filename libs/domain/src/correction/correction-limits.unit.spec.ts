import type { CommandMetadata, RecordedEvent } from '../shared/event.js';
import { ENTRY_CORRECTED, ENTRY_RETRACTED } from './correction.js';
import type { EntryCorrectedDataVersion2 } from './correction.upcasters.js';
import { correctionSize, MAX_CORRECTION_BYTES, MAX_CORRECTIONS_PER_ENTRY } from './correction-limits.js';
import { decideCorrection } from './decide-correction.js';

const STREAM = 'contract-0191f4d2-0000-7000-8000-000000000001';
const AWARD = 'e0000000-0000-7000-8000-000000000001';
const AMENDMENT = 'e0000000-0000-7000-8000-000000000002';

const metadata: CommandMetadata = {
  recordedAt: new Date('2026-03-01T09:00:00Z'),
  recordedBy: 'desk.officer@example.gov',
  correlationId: 'c0ffee00-0000-4000-8000-000000000009',
  causationId: null,
};

function recorded(eventId: string, streamVersion: number, type: string, data: unknown): RecordedEvent {
  return {
    eventId,
    type,
    schemaVersion: 1,
    streamId: STREAM,
    streamVersion,
    globalPosition: String(100 + streamVersion),
    country: 'SY',
    occurredAt: '2026-02-10T10:00:00.000Z',
    recordedAt: '2026-02-12T09:00:00.000Z',
    recordedBy: 'desk.officer@example.gov',
    classification: 'confidential',
    source: null,
    confidence: null,
    correlationId: 'c',
    causationId: null,
    data,
  };
}

/** A stream of two entries (an award, an amendment of it) with `count` corrections of `target` recorded. */
function historyWith(count: number, target = AWARD): RecordedEvent[] {
  const history = [
    recorded(AWARD, 1, 'ContractAwarded', { contractId: 'k-1', description: 'RAN sites.' }),
    recorded(AMENDMENT, 2, 'ContractAmended', { contractId: 'k-1', changes: {}, reason: 'Scope.' }),
  ];
  for (let i = 1; i <= count; i += 1) {
    const data: EntryCorrectedDataVersion2 = {
      targetEventId: target,
      targetType: target === AWARD ? 'ContractAwarded' : 'ContractAmended',
      changes: target === AWARD ? { description: `RAN sites, take ${i}.` } : { reason: `Scope, take ${i}.` },
      reason: `fix ${i}`,
    };
    history.push(recorded(`c-${i}`, history.length + 1, ENTRY_CORRECTED, data));
  }
  return history;
}

function correct(changes: Record<string, unknown>, reason = 'Officer misread.', targetEventId = AWARD) {
  return { type: 'CorrectEntry' as const, targetEventId, changes, reason, metadata };
}

function refusal(code: string, details: Record<string, unknown>) {
  return expect.objectContaining({ code, kind: 'invalid', details: expect.objectContaining(details) });
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** A correction of the award's description whose `{ changes, reason }` is exactly `bytes` long in UTF-8. */
function correctionOfSize(bytes: number) {
  const reason = 'Officer misread the cable.';
  const overhead = utf8Bytes(JSON.stringify({ changes: { description: '' }, reason }));
  // Three-byte characters too, so that bytes are counted rather than characters.
  const wide = '€'.repeat(1_000);
  const description = wide + 'x'.repeat(bytes - overhead - utf8Bytes(wide));
  return correct({ description }, reason);
}

describe('how many corrections an entry takes', () => {
  it(`takes a ${MAX_CORRECTIONS_PER_ENTRY}th correction`, () => {
    const events = decideCorrection(correct({ description: 'Final.' }), historyWith(99));
    expect(events).toEqual([expect.objectContaining({ type: ENTRY_CORRECTED })]);
  });

  it(`refuses a ${MAX_CORRECTIONS_PER_ENTRY + 1}st with TOO_MANY_CORRECTIONS, naming the count and the limit`, () => {
    expect(() => decideCorrection(correct({ description: 'One more.' }), historyWith(100))).toThrow(
      refusal('TOO_MANY_CORRECTIONS', { corrections: 100, limit: 100 }),
    );
  });

  it('counts only the corrections of that entry, not of the other entries of its stream', () => {
    const history = historyWith(100, AMENDMENT);
    expect(decideCorrection(correct({ description: 'First of its own.' }), history)).toHaveLength(1);
    expect(() =>
      decideCorrection(correct({ reason: 'One more.' }, 'Officer misread.', AMENDMENT), history),
    ).toThrow(refusal('TOO_MANY_CORRECTIONS', { corrections: 100 }));
  });

  it('still takes a retraction after the last correction: a retraction counts against nothing', () => {
    const events = decideCorrection(
      { type: 'RetractEntry', targetEventId: AWARD, reason: 'Never awarded.', metadata },
      historyWith(100),
    );
    expect(events).toEqual([expect.objectContaining({ type: ENTRY_RETRACTED })]);
  });
});

describe('how large a correction may be', () => {
  it('takes a correction of exactly 64 KiB (changes and reason as JSON, UTF-8)', () => {
    const command = correctionOfSize(MAX_CORRECTION_BYTES);
    expect(utf8Bytes(JSON.stringify({ changes: command.changes, reason: command.reason }))).toBe(65_536);
    expect(decideCorrection(command, historyWith(0))).toHaveLength(1);
  });

  it('refuses one byte more with CORRECTION_TOO_LARGE, naming the size and the limit', () => {
    expect(() => decideCorrection(correctionOfSize(MAX_CORRECTION_BYTES + 1), historyWith(0))).toThrow(
      refusal('CORRECTION_TOO_LARGE', { field: 'changes', size: 65_537, limit: 65_536 }),
    );
  });

  it('measures UTF-8 bytes of the canonical JSON: key order does not matter, characters beyond one byte do', () => {
    expect(correctionSize({ a: 1, b: ['x', null] }, 'r')).toBe(correctionSize({ b: ['x', null], a: 1 }, 'r'));
    const ascii = correctionSize({ note: 'ab' }, 'r');
    expect(correctionSize({ note: 'éb' }, 'r')).toBe(ascii + 1);
    expect(correctionSize({ note: '€b' }, 'r')).toBe(ascii + 2);
    expect(correctionSize({ note: '😀' }, 'r')).toBe(ascii + 2);
  });

  it('limits each correction on its own, not the corrections of an entry together', () => {
    const big = correctionOfSize(MAX_CORRECTION_BYTES);
    const history = historyWith(0);
    history.push(
      recorded('c-big', 3, ENTRY_CORRECTED, {
        targetEventId: AWARD,
        targetType: 'ContractAwarded',
        changes: big.changes,
        reason: big.reason,
      }),
    );
    expect(decideCorrection(correct({ description: 'Short again.' }), history)).toHaveLength(1);
  });
});
