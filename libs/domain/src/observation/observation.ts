import type { Participant } from '../engagement/envoy-meeting-held.event.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { alreadyRecorded, type EntryFacts, newEntryFacts } from '../shared/entry-facts.js';
import type { CommandMetadata, DomainEvent } from '../shared/event.js';
import type { Money } from '../shared/money.js';

/** Where a country stands on diversifying away from high-risk vendors, least to most willing. */
export const STANCES = ['resistant', 'neutral', 'receptive', 'committed'] as const;
export type Stance = (typeof STANCES)[number];
export const RESPONSE_CHANNELS = [
  'meeting',
  'public-statement',
  'media',
  'diplomatic-note',
  'regulatory-action',
  'other',
] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];
/** Who made a competing offer: another state or a vendor directly. */
export const RIVAL_KINDS = ['state', 'vendor'] as const;
export type RivalKind = (typeof RIVAL_KINDS)[number];

export const COUNTRY_RESPONSE_OBSERVED = 'CountryResponseObserved';
export const COMPETING_OFFER_OBSERVED = 'CompetingOfferObserved';

export interface CountryResponseObservedData {
  readonly observationId: string;
  readonly stance: Stance;
  readonly speaker: Participant;
  readonly quote: string | null;
  readonly channel: ResponseChannel;
  readonly topics: readonly string[];
  readonly vendorsMentioned: readonly string[];
  readonly summary: string;
}
export interface CompetingOfferObservedData {
  readonly observationId: string;
  readonly rival: { readonly kind: RivalKind; readonly name: string };
  readonly vendorsInvolved: readonly string[];
  readonly financing: string | null;
  readonly amount: Money | null;
  readonly bundle: readonly string[];
  readonly summary: string;
}

/** The country said or did something that shows its stance. */
export type CountryResponseObserved = DomainEvent<
  typeof COUNTRY_RESPONSE_OBSERVED,
  CountryResponseObservedData
>;
/** A rival state or vendor put an offer to the country. */
export type CompetingOfferObserved = DomainEvent<typeof COMPETING_OFFER_OBSERVED, CompetingOfferObservedData>;
export type ObservationEvent = CountryResponseObserved | CompetingOfferObserved;

export interface ObserveCountryResponse extends EntryFacts {
  readonly type: 'ObserveCountryResponse';
  readonly response: CountryResponseObservedData;
  readonly metadata: CommandMetadata;
}
export interface ObserveCompetingOffer extends EntryFacts {
  readonly type: 'ObserveCompetingOffer';
  readonly offer: CompetingOfferObservedData;
  readonly metadata: CommandMetadata;
}
export type ObservationCommand = ObserveCountryResponse | ObserveCompetingOffer;
export type ObservationState =
  | { readonly status: 'unrecorded' }
  | { readonly status: 'recorded'; readonly kind: 'response' | 'competing-offer' };

export function observationStreamId(observationId: string): string {
  return `observation-${observationId}`;
}

/** Rules of an observation: recorded once; later changes are corrections. */
export const observationDecider: Decider<ObservationCommand, ObservationEvent, ObservationState> = {
  initialState: () => ({ status: 'unrecorded' }),
  decide(command, state) {
    if (state.status !== 'unrecorded') alreadyRecorded('observation');
    const facts = newEntryFacts(command, command.metadata);
    switch (command.type) {
      case 'ObserveCountryResponse':
        return [{ type: COUNTRY_RESPONSE_OBSERVED, schemaVersion: 1, ...facts, data: command.response }];
      case 'ObserveCompetingOffer':
        return [{ type: COMPETING_OFFER_OBSERVED, schemaVersion: 2, ...facts, data: command.offer }];
      default:
        return assertNever(command);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case COUNTRY_RESPONSE_OBSERVED:
        return { status: 'recorded', kind: 'response' };
      case COMPETING_OFFER_OBSERVED:
        return { status: 'recorded', kind: 'competing-offer' };
      default:
        return assertNever(event);
    }
  },
};
