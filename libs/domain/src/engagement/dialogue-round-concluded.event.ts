import type { DomainEvent } from '../shared/event.js';
import type { Concern, Participant } from './envoy-meeting-held.event.js';

/** The level at which a dialogue round was held. */
export const DIALOGUE_LEVELS = ['head-of-state', 'ministerial', 'senior-officials', 'working-level'] as const;
export type DialogueLevel = (typeof DIALOGUE_LEVELS)[number];

export const DIALOGUE_ROUND_CONCLUDED = 'DialogueRoundConcluded';

export interface DialogueRoundConcludedData {
  readonly engagementId: string;
  readonly track: string;
  readonly round: number;
  readonly level: DialogueLevel;
  readonly location: string;
  readonly coChairs: readonly Participant[];
  readonly agenda: readonly string[];
  readonly jointStatement: string | null;
  readonly deliverables: readonly string[];
  readonly topics: readonly string[];
  readonly concerns: readonly Concern[];
  readonly vendorsDiscussed: readonly string[];
  readonly summary: string;
}

/** A round of a structured dialogue track ended, with what both sides agreed to deliver. */
export type DialogueRoundConcluded = DomainEvent<typeof DIALOGUE_ROUND_CONCLUDED, DialogueRoundConcludedData>;
