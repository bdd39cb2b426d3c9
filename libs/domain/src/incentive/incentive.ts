import type { Classification } from '../shared/classification.js';
import { assertNever, type Decider } from '../shared/decider.js';
import {
  alreadyRecorded,
  type EntryFacts,
  illegalTransition,
  newEntryFacts,
  notRecorded,
  type TransitionFacts,
  transitionFacts,
} from '../shared/entry-facts.js';
import { CommandRejectedError } from '../shared/errors.js';
import type { CommandMetadata, DomainEvent } from '../shared/event.js';
import type { Money } from '../shared/money.js';

export const INCENTIVE_INSTRUMENTS = [
  'loan',
  'guarantee',
  'equity',
  'grant',
  'financing',
  'training',
  'licence-relief',
] as const;
export type IncentiveInstrument = (typeof INCENTIVE_INSTRUMENTS)[number];

export const INCENTIVE_OFFERED = 'IncentiveOffered';
export const INCENTIVE_TERMS_AMENDED = 'IncentiveTermsAmended';
export const INCENTIVE_ACCEPTED = 'IncentiveAccepted';
export const INCENTIVE_DECLINED = 'IncentiveDeclined';
export const INCENTIVE_WITHDRAWN = 'IncentiveWithdrawn';
export const INCENTIVE_EXPIRED = 'IncentiveExpired';

export interface IncentiveTerms {
  readonly amount: Money | null;
  readonly conditions: readonly string[];
  /** ISO date after which the offer lapses; null if open-ended. */
  readonly expiresOn: string | null;
  readonly description: string;
}
export interface IncentiveOfferedData extends IncentiveTerms {
  readonly offerId: string;
  readonly instrument: IncentiveInstrument;
  readonly agency: string;
}
export interface IncentiveTermsAmendedData {
  readonly offerId: string;
  readonly changes: Partial<IncentiveTerms>;
  readonly reason: string;
}
export interface IncentiveClosedData {
  readonly offerId: string;
  readonly note: string;
}

/** An economic incentive was put to the country. */
export type IncentiveOffered = DomainEvent<typeof INCENTIVE_OFFERED, IncentiveOfferedData>;
/** The terms of an open offer changed. */
export type IncentiveTermsAmended = DomainEvent<typeof INCENTIVE_TERMS_AMENDED, IncentiveTermsAmendedData>;
/** The country took the offer. */
export type IncentiveAccepted = DomainEvent<typeof INCENTIVE_ACCEPTED, IncentiveClosedData>;
/** The country turned the offer down. */
export type IncentiveDeclined = DomainEvent<typeof INCENTIVE_DECLINED, IncentiveClosedData>;
/** We took the offer back. */
export type IncentiveWithdrawn = DomainEvent<typeof INCENTIVE_WITHDRAWN, IncentiveClosedData>;
/** The offer lapsed unanswered. */
export type IncentiveExpired = DomainEvent<typeof INCENTIVE_EXPIRED, IncentiveClosedData>;
export type IncentiveEvent =
  | IncentiveOffered
  | IncentiveTermsAmended
  | IncentiveAccepted
  | IncentiveDeclined
  | IncentiveWithdrawn
  | IncentiveExpired;

export interface OfferIncentive extends EntryFacts {
  readonly type: 'OfferIncentive';
  readonly offer: IncentiveOfferedData;
  readonly metadata: CommandMetadata;
}
export interface AmendIncentiveTerms extends TransitionFacts {
  readonly type: 'AmendIncentiveTerms';
  readonly changes: Partial<IncentiveTerms>;
  readonly reason: string;
  readonly metadata: CommandMetadata;
}
/** Accept, decline, withdraw or expire: each closes an open offer. */
export interface CloseIncentive extends TransitionFacts {
  readonly type: 'AcceptIncentive' | 'DeclineIncentive' | 'WithdrawIncentive' | 'ExpireIncentive';
  readonly note: string;
  readonly metadata: CommandMetadata;
}
export type IncentiveCommand = OfferIncentive | AmendIncentiveTerms | CloseIncentive;

export type IncentiveStatus = 'offered' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
export type IncentiveState =
  | { readonly status: 'unrecorded' }
  | (IncentiveOfferedData & {
      readonly status: IncentiveStatus;
      readonly country: string;
      readonly classification: Classification;
      readonly occurredAt: string;
      readonly closedAt: string | null;
      readonly amendments: number;
    });

export function incentiveStreamId(offerId: string): string {
  return `incentive-${offerId}`;
}

const DAY_MS = 86_400_000;

/**
 * The first instant an offer with this expiry has lapsed: the start (UTC) of the day after `expiresOn`, so the
 * whole of that day is still within the offer. Answering at 23:59 on `expiresOn` counts; at 00:00 the next day it
 * does not. One rule for the decider, the registers read (an offer reads as expired from that date) and the
 * scheduler (which dates the IncentiveExpired it records at this instant).
 */
export function offerLapsesAt(expiresOn: string): Date {
  return new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY_MS);
}

/** Whether an offer with this expiry (null: open-ended, it never lapses by itself) had lapsed at an instant. */
export function offerHasLapsed(expiresOn: string | null, at: Date): boolean {
  return expiresOn !== null && at.getTime() >= offerLapsesAt(expiresOn).getTime();
}

/** Refuses an expiry before the day the terms holding it were set: an offer that lapsed before it was made. */
function assertExpiryNotBefore(expiresOn: string | null | undefined, occurredAt: Date, field: string): void {
  if (expiresOn === null || expiresOn === undefined) return;
  if (offerHasLapsed(expiresOn, occurredAt)) {
    throw new CommandRejectedError(
      'EXPIRES_IN_PAST',
      `An offer cannot expire (${expiresOn}) before the day its terms are set.`,
      { field, expiresOn, occurredAt: occurredAt.toISOString() },
    );
  }
}

/** Refuses any step but recording its lapse on an offer whose expiry has passed by the step's date. */
function assertNotLapsed(state: { readonly expiresOn: string | null }, occurredAt: Date, verb: string): void {
  if (!offerHasLapsed(state.expiresOn, occurredAt)) return;
  const expiresOn = state.expiresOn as string;
  throw new CommandRejectedError(
    'OFFER_EXPIRED',
    `Cannot ${verb} an offer that expired on ${expiresOn}; it lapsed at ${offerLapsesAt(expiresOn).toISOString()}.`,
    {
      field: 'occurredAt',
      expiresOn,
      lapsedAt: offerLapsesAt(expiresOn).toISOString(),
      occurredAt: occurredAt.toISOString(),
    },
  );
}

/**
 * Refuses recording a lapse before the offer's expiry has passed. An open-ended offer (no expiresOn) has no date
 * to check against: an officer may still record that it lapsed (offers without a date are dropped by
 * understanding, say when a budget year ends), dated as they state; the scheduler never expires one.
 */
function assertLapsed(state: { readonly expiresOn: string | null }, occurredAt: Date): void {
  if (state.expiresOn === null || offerHasLapsed(state.expiresOn, occurredAt)) return;
  throw new CommandRejectedError(
    'NOT_YET_EXPIRED',
    `The offer runs until the end of ${state.expiresOn} (UTC); it can be recorded as expired from ${offerLapsesAt(state.expiresOn).toISOString()}.`,
    {
      field: 'occurredAt',
      expiresOn: state.expiresOn,
      lapsesAt: offerLapsesAt(state.expiresOn).toISOString(),
      occurredAt: occurredAt.toISOString(),
    },
  );
}

const CLOSING = {
  AcceptIncentive: { type: INCENTIVE_ACCEPTED, verb: 'accept' },
  DeclineIncentive: { type: INCENTIVE_DECLINED, verb: 'decline' },
  WithdrawIncentive: { type: INCENTIVE_WITHDRAWN, verb: 'withdraw' },
  ExpireIncentive: { type: INCENTIVE_EXPIRED, verb: 'expire' },
} as const;

const CLOSED_STATUS = {
  [INCENTIVE_ACCEPTED]: 'accepted',
  [INCENTIVE_DECLINED]: 'declined',
  [INCENTIVE_WITHDRAWN]: 'withdrawn',
  [INCENTIVE_EXPIRED]: 'expired',
} as const;

/**
 * Rules of an incentive offer: while offered it may be amended; any answer closes it for good. Past its expiry
 * (see offerLapsesAt) the only step left is recording that it lapsed, and that step waits for the expiry.
 */
export const incentiveDecider: Decider<IncentiveCommand, IncentiveEvent, IncentiveState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    switch (command.type) {
      case 'OfferIncentive':
        if (state.status !== 'unrecorded') alreadyRecorded('incentive offer');
        assertExpiryNotBefore(command.offer.expiresOn, command.occurredAt, 'expiresOn');
        return [
          {
            type: INCENTIVE_OFFERED,
            schemaVersion: 2,
            ...newEntryFacts(command, command.metadata),
            data: command.offer,
          },
        ];
      case 'AmendIncentiveTerms': {
        if (state.status === 'unrecorded') return notRecorded('incentive offer');
        if (state.status !== 'offered') return illegalTransition('incentive offer', 'amend', state.status);
        if (Object.keys(command.changes).length === 0) {
          throw new CommandRejectedError('NOTHING_TO_AMEND', 'An amendment must change at least one term.');
        }
        assertNotLapsed(state, command.occurredAt, 'amend');
        // Moving the expiry (later, or earlier but not into the past) keeps the offer open.
        assertExpiryNotBefore(command.changes.expiresOn, command.occurredAt, 'changes.expiresOn');
        return [
          {
            type: INCENTIVE_TERMS_AMENDED,
            schemaVersion: 2,
            ...transitionFacts(command, state, command.metadata, 'offer'),
            data: { offerId: state.offerId, changes: command.changes, reason: command.reason },
          },
        ];
      }
      case 'AcceptIncentive':
      case 'DeclineIncentive':
      case 'WithdrawIncentive':
      case 'ExpireIncentive': {
        const closing = CLOSING[command.type];
        if (state.status === 'unrecorded') return notRecorded('incentive offer');
        if (state.status !== 'offered')
          return illegalTransition('incentive offer', closing.verb, state.status);
        if (command.type === 'ExpireIncentive') assertLapsed(state, command.occurredAt);
        else assertNotLapsed(state, command.occurredAt, closing.verb);
        return [
          {
            type: closing.type,
            schemaVersion: 1,
            ...transitionFacts(command, state, command.metadata, 'offer'),
            data: { offerId: state.offerId, note: command.note },
          },
        ];
      }
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case INCENTIVE_OFFERED:
        return {
          ...event.data,
          status: 'offered',
          country: event.country,
          classification: event.classification,
          occurredAt: event.occurredAt,
          closedAt: null,
          amendments: 0,
        };
      case INCENTIVE_TERMS_AMENDED:
        return state.status === 'unrecorded'
          ? state
          : { ...state, ...event.data.changes, amendments: state.amendments + 1 };
      case INCENTIVE_ACCEPTED:
      case INCENTIVE_DECLINED:
      case INCENTIVE_WITHDRAWN:
      case INCENTIVE_EXPIRED:
        return state.status === 'unrecorded'
          ? state
          : { ...state, status: CLOSED_STATUS[event.type], closedAt: event.occurredAt };
      default:
        return assertNever(event);
    }
  },
};
