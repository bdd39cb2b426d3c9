import type { DomainEvent } from '../shared/event.js';

/** What an envoy or counterpart delegate is called and whom they speak for. */
export interface Participant {
  readonly name: string;
  readonly title: string;
  readonly organisation: string;
}

/** Concerns raised in a meeting, as policy analysts classify them. */
export const CONCERNS = [
  'network-vulnerability',
  'strategic-leverage',
  'alliance-dynamics',
  'data-security',
  'supply-chain-resilience',
  'cost-and-financing',
  'sanctions-compliance',
  'other',
] as const;
export type Concern = (typeof CONCERNS)[number];

export const ENVOY_MEETING_HELD = 'EnvoyMeetingHeld';

export interface EnvoyMeetingHeldData {
  readonly meetingId: string;
  readonly location: string;
  readonly envoys: readonly Participant[];
  readonly counterparts: readonly Participant[];
  readonly topics: readonly string[];
  readonly concerns: readonly Concern[];
  readonly vendorsDiscussed: readonly string[];
  readonly summary: string;
  readonly outcome: string;
  readonly nextSteps: readonly string[];
}

/** An envoy met counterparts of the country; the first event of a meeting's stream. */
export type EnvoyMeetingHeld = DomainEvent<typeof ENVOY_MEETING_HELD, EnvoyMeetingHeldData>;
