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

/** Rules of an incentive offer: while offered it may be amended; any answer closes it for good. */
export const incentiveDecider: Decider<IncentiveCommand, IncentiveEvent, IncentiveState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    switch (command.type) {
      case 'OfferIncentive':
        if (state.status !== 'unrecorded') alreadyRecorded('incentive offer');
        return [
          {
            type: INCENTIVE_OFFERED,
            schemaVersion: 1,
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
        return [
          {
            type: INCENTIVE_TERMS_AMENDED,
            schemaVersion: 1,
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
