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
import type { CommandMetadata, DomainEvent } from '../shared/event.js';
import { assertPeriod, type Money, type Period } from '../shared/money.js';

export const SUPPORT_TYPES = [
  'cybersecurity-assessment',
  'network-audit',
  'vendor-transition-planning',
  'regulatory-advice',
  'training',
  'equipment-donation',
  'other',
] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];
export const SUPPORT_OUTCOMES = ['completed', 'cancelled', 'lapsed'] as const;
export type SupportOutcome = (typeof SUPPORT_OUTCOMES)[number];

export const TECHNICAL_SUPPORT_COMMITTED = 'TechnicalSupportCommitted';
export const TECHNICAL_SUPPORT_MILESTONE_DELIVERED = 'TechnicalSupportMilestoneDelivered';
export const TECHNICAL_SUPPORT_CLOSED = 'TechnicalSupportClosed';

export interface TechnicalSupportCommittedData {
  readonly supportId: string;
  readonly supportType: SupportType;
  readonly provider: string;
  readonly beneficiary: string;
  readonly period: Period;
  readonly budget: Money | null;
  readonly description: string;
}
export interface MilestoneDeliveredData {
  readonly supportId: string;
  readonly milestone: string;
  readonly note: string;
}
export interface TechnicalSupportClosedData {
  readonly supportId: string;
  readonly outcome: SupportOutcome;
  readonly note: string;
}

/** We committed to technical support toward alternatives (assessments, audits, training…). */
export type TechnicalSupportCommitted = DomainEvent<
  typeof TECHNICAL_SUPPORT_COMMITTED,
  TechnicalSupportCommittedData
>;
/** A milestone of a support commitment was delivered. */
export type TechnicalSupportMilestoneDelivered = DomainEvent<
  typeof TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
  MilestoneDeliveredData
>;
/** The commitment ended: completed, cancelled or lapsed. */
export type TechnicalSupportClosed = DomainEvent<typeof TECHNICAL_SUPPORT_CLOSED, TechnicalSupportClosedData>;
export type TechnicalSupportEvent =
  | TechnicalSupportCommitted
  | TechnicalSupportMilestoneDelivered
  | TechnicalSupportClosed;

export interface CommitTechnicalSupport extends EntryFacts {
  readonly type: 'CommitTechnicalSupport';
  readonly support: TechnicalSupportCommittedData;
  readonly metadata: CommandMetadata;
}
export interface DeliverMilestone extends TransitionFacts {
  readonly type: 'DeliverMilestone';
  readonly milestone: string;
  readonly note: string;
  readonly metadata: CommandMetadata;
}
export interface CloseTechnicalSupport extends TransitionFacts {
  readonly type: 'CloseTechnicalSupport';
  readonly outcome: SupportOutcome;
  readonly note: string;
  readonly metadata: CommandMetadata;
}
export type TechnicalSupportCommand = CommitTechnicalSupport | DeliverMilestone | CloseTechnicalSupport;

export type TechnicalSupportState =
  | { readonly status: 'unrecorded' }
  | (TechnicalSupportCommittedData & {
      readonly status: 'active' | 'closed';
      readonly country: string;
      readonly classification: Classification;
      readonly occurredAt: string;
      readonly milestones: readonly {
        readonly milestone: string;
        readonly deliveredAt: string;
        readonly note: string;
      }[];
      readonly outcome: SupportOutcome | null;
      readonly closedAt: string | null;
    });

export function technicalSupportStreamId(supportId: string): string {
  return `support-${supportId}`;
}

/** Rules of a support commitment: milestones while active; closed once. */
export const technicalSupportDecider: Decider<
  TechnicalSupportCommand,
  TechnicalSupportEvent,
  TechnicalSupportState
> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    switch (command.type) {
      case 'CommitTechnicalSupport':
        if (state.status !== 'unrecorded') alreadyRecorded('technical support commitment');
        assertPeriod(command.support.period);
        return [
          {
            type: TECHNICAL_SUPPORT_COMMITTED,
            schemaVersion: 2,
            ...newEntryFacts(command, command.metadata),
            data: command.support,
          },
        ];
      case 'DeliverMilestone':
        if (state.status === 'unrecorded') return notRecorded('technical support commitment');
        if (state.status !== 'active') {
          return illegalTransition('technical support commitment', 'deliver a milestone of', state.status);
        }
        return [
          {
            type: TECHNICAL_SUPPORT_MILESTONE_DELIVERED,
            schemaVersion: 1,
            ...transitionFacts(command, state, command.metadata, 'commitment'),
            data: { supportId: state.supportId, milestone: command.milestone, note: command.note },
          },
        ];
      case 'CloseTechnicalSupport':
        if (state.status === 'unrecorded') return notRecorded('technical support commitment');
        if (state.status !== 'active')
          return illegalTransition('technical support commitment', 'close', state.status);
        return [
          {
            type: TECHNICAL_SUPPORT_CLOSED,
            schemaVersion: 1,
            ...transitionFacts(command, state, command.metadata, 'commitment'),
            data: { supportId: state.supportId, outcome: command.outcome, note: command.note },
          },
        ];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case TECHNICAL_SUPPORT_COMMITTED:
        return {
          ...event.data,
          status: 'active',
          country: event.country,
          classification: event.classification,
          occurredAt: event.occurredAt,
          milestones: [],
          outcome: null,
          closedAt: null,
        };
      case TECHNICAL_SUPPORT_MILESTONE_DELIVERED:
        return state.status === 'unrecorded'
          ? state
          : {
              ...state,
              milestones: [
                ...state.milestones,
                { milestone: event.data.milestone, deliveredAt: event.occurredAt, note: event.data.note },
              ],
            };
      case TECHNICAL_SUPPORT_CLOSED:
        return state.status === 'unrecorded'
          ? state
          : { ...state, status: 'closed', outcome: event.data.outcome, closedAt: event.occurredAt };
      default:
        return assertNever(event);
    }
  },
};
