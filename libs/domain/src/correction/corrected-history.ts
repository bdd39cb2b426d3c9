import {
  contractDecider,
  contractHoldingChanges,
  type RecordedContractEvent,
  UNIT_KINDS,
} from '../contract/contract.js';
import { contractCommandOf } from '../contract/contract.replay.js';
import { engagementDecider } from '../engagement/engagement.decider.js';
import { engagementCommandOf } from '../engagement/engagement.replay.js';
import { followUpDecider } from '../follow-up/follow-up.js';
import { followUpCommandOf } from '../follow-up/follow-up.replay.js';
import { incentiveDecider } from '../incentive/incentive.js';
import { incentiveCommandOf } from '../incentive/incentive.replay.js';
import { observationDecider } from '../observation/observation.js';
import { observationCommandOf } from '../observation/observation.replay.js';
import { NETWORK_DOMAINS } from '../shared/equipment.js';
import { CommandRejectedError, DomainError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent, RecordedEvent } from '../shared/event.js';
import type { StreamCategory } from '../shared/streams.js';
import { technicalSupportDecider } from '../technical-support/technical-support.js';
import { technicalSupportCommandOf } from '../technical-support/technical-support.replay.js';
import { toTimelineEntry } from '../timeline/timeline-entry.js';
import { vendorDecider } from '../vendor/vendor.js';
import { vendorCommandOf } from '../vendor/vendor.replay.js';
import { applyCorrections, resolveCorrections } from './correction.js';
import { replayHistory } from './replay.js';

/** The read models the projector feeds from a stream, by the names its projections go by. */
type ReadModel = 'country-timeline' | 'registers' | 'contract-holdings' | 'vendors';

/** A stream's state after replay, as far as its register and the vendor registry read it. */
interface ReplayedState {
  readonly status: string;
  readonly country?: unknown;
  readonly occurredAt?: unknown;
  readonly dueDate?: unknown;
  readonly name?: unknown;
  readonly origin?: unknown;
  readonly highRisk?: unknown;
}

/** Each kind of stream replayed through its own decider; the compiler asks for a new kind here. */
const REPLAYS: {
  readonly [K in StreamCategory]: (history: readonly RecordedEvent[]) => ReplayedState;
} = {
  engagement: (history) => replayHistory(engagementDecider, engagementCommandOf, history),
  'follow-up': (history) => replayHistory(followUpDecider, followUpCommandOf, history),
  incentive: (history) => replayHistory(incentiveDecider, incentiveCommandOf, history),
  support: (history) => replayHistory(technicalSupportDecider, technicalSupportCommandOf, history),
  contract: (history) => replayHistory(contractDecider, contractCommandOf, history),
  observation: (history) => replayHistory(observationDecider, observationCommandOf, history),
  vendor: (history) => replayHistory(vendorDecider, vendorCommandOf, history),
};

/** Streams whose state the projector keeps in `registers` (see the registers projection). */
const REGISTERED: readonly StreamCategory[] = ['follow-up', 'incentive', 'support', 'contract'];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

class Unprojectable extends Error {}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Unprojectable(what);
}

function isInstant(value: unknown): boolean {
  return typeof value === 'string' && Number.isFinite(Date.parse(value));
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && DATE_ONLY.test(value) && Number.isFinite(Date.parse(value));
}

function isTextList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Runs one read model's pure logic, naming it (and the event, if any) when it cannot take the history. */
function dryRun(model: ReadModel, eventId: string | null, run: () => void): void {
  try {
    run();
  } catch (error) {
    const at = { projection: model, ...(eventId ? { failingEventId: eventId } : {}) };
    if (error instanceof DomainError) {
      throw new CommandRejectedError(
        error.code,
        `The ${model} read model cannot take the corrected history: ${error.message}`,
        { ...error.details, ...at },
      );
    }
    throw new CommandRejectedError(
      'UNPROJECTABLE_HISTORY',
      `The ${model} read model cannot take the corrected history: ${error instanceof Error ? error.message : String(error)}`,
      at,
    );
  }
}

/** What the projector does with the stream, done here without writing: every entry, register, ledger row. */
function dryRunProjections(
  category: StreamCategory,
  history: readonly RecordedEvent[],
  state: ReplayedState,
) {
  const effective = applyCorrections(history);
  for (const event of resolveCorrections(history)) {
    dryRun('country-timeline', event.eventId, () => {
      const entry = toTimelineEntry(event, effective);
      if (!entry) return;
      check(isInstant(entry.occurredAt), 'occurredAt is not an instant');
      check(typeof entry.headline === 'string', 'the headline is not text');
      for (const facet of ['topics', 'vendors', 'participants'] as const) {
        check(isTextList(entry[facet]), `${facet} are not a list of text`);
      }
    });
  }
  if (REGISTERED.includes(category) && state.status !== 'unrecorded') {
    dryRun('registers', null, () => {
      check(typeof state.country === 'string' && state.country.length === 2, 'no country code');
      check(isInstant(state.occurredAt), 'occurredAt is not an instant');
      check(state.dueDate === undefined || isDate(state.dueDate), 'dueDate is not a date');
    });
  }
  if (category === 'contract') {
    dryRun('contract-holdings', null, () => {
      for (const change of contractHoldingChanges(effective as unknown as RecordedContractEvent[])) {
        check(Number.isFinite(change.unitsDelta), 'units not a number');
        check(typeof change.valueDelta === 'bigint', 'value not in minor units');
        check(change.valueDelta < 2n ** 63n && change.valueDelta >= -(2n ** 63n), 'value beyond a bigint');
        check(isInstant(change.effectiveAt), 'effectiveAt is not an instant');
        check((UNIT_KINDS as readonly string[]).includes(change.unitKind), 'unknown unit kind');
        check((NETWORK_DOMAINS as readonly string[]).includes(change.domain), 'unknown network domain');
      }
    });
  }
  if (category === 'vendor' && state.status !== 'unrecorded') {
    dryRun('vendors', null, () => {
      check(typeof state.name === 'string', 'the name is not text');
      check(typeof state.origin === 'string' && state.origin.length === 2, 'no origin country code');
      for (const event of effective) {
        check(isInstant(event.occurredAt), 'occurredAt is not an instant');
        check(
          typeof (event.data as { highRisk?: unknown }).highRisk === 'boolean',
          'highRisk is not true/false',
        );
      }
    });
  }
}

/**
 * Whether a stream's history, with a proposed correction or retraction appended, still keeps every rule: its
 * decider accepts every event replayed in order (see replayHistory), and the projector's pure logic (timeline
 * entries, the register fold, the holdings ledger, the vendor registry) can take it, so nothing accepted is
 * dead-lettered for its content. Throws a CommandRejectedError (422) with the first refusal's code.
 */
export function checkCorrectedHistory(category: StreamCategory, history: readonly RecordedEvent[]): void {
  const state = REPLAYS[category](history);
  dryRunProjections(category, history, state);
}

/**
 * A stream's history with events a decider proposes appended as the store would record them (ids aside), so
 * the history can be checked before anything is written.
 */
export function withProposed(
  history: readonly RecordedEvent[],
  proposed: readonly DomainEvent[],
  metadata: CommandMetadata,
): RecordedEvent[] {
  const last = history.at(-1);
  const streamId = last?.streamId ?? '';
  const version = last?.streamVersion ?? 0;
  return [
    ...history,
    ...proposed.map((event, i) => ({
      ...event,
      eventId: `proposed-${i + 1}`,
      streamId,
      streamVersion: version + i + 1,
      globalPosition: '0',
      recordedAt: metadata.recordedAt.toISOString(),
      recordedBy: metadata.recordedBy,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
    })),
  ];
}
