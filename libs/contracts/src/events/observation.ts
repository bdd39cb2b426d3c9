// Observation stream: the country's responses and rival offers (libs/domain/src/observation).
import { type Static, type TSchema, Type } from 'typebox';
import {
  EntityId,
  eventData,
  type Immutable,
  LegacyMoney,
  Money,
  Nullable,
  OneOf,
  Participant,
  Text,
} from './shared.js';

/** Where a country stands on diversifying away from high-risk vendors, least to most willing. */
export const STANCES = ['resistant', 'neutral', 'receptive', 'committed'] as const;
/** Where a country's response was seen or heard. */
export const RESPONSE_CHANNELS = [
  'meeting',
  'public-statement',
  'media',
  'diplomatic-note',
  'regulatory-action',
  'other',
] as const;
/** Who made a competing offer: another state or a vendor directly. */
export const RIVAL_KINDS = ['state', 'vendor'] as const;

/** Event type: the country said or did something that shows its stance. */
export const COUNTRY_RESPONSE_OBSERVED = 'CountryResponseObserved';
/** Event type: a rival state or vendor put an offer to the country. */
export const COMPETING_OFFER_OBSERVED = 'CompetingOfferObserved';

/** CountryResponseObserved data, schema version 1. */
export const CountryResponseObservedV1 = eventData(
  COUNTRY_RESPONSE_OBSERVED,
  1,
  'The country said or did something that shows its stance on moving away from high-risk vendors (resistant, neutral, receptive, committed), through a channel (a meeting, a public statement…).',
  {
    observationId: EntityId,
    stance: OneOf(STANCES, 'Least to most willing: resistant, neutral, receptive, committed.'),
    speaker: Participant,
    quote: Nullable(Text),
    channel: OneOf(RESPONSE_CHANNELS),
    topics: Type.Array(Text),
    vendorsMentioned: Type.Array(Text),
    summary: Text,
  },
);
/** CountryResponseObserved data (newest version). */
export type CountryResponseObservedData = Immutable<Static<typeof CountryResponseObservedV1>>;

function competingOffer<M extends TSchema>(version: number, money: M, moneyNote: string) {
  return eventData(
    COMPETING_OFFER_OBSERVED,
    version,
    `A rival state or vendor put an offer to the country (financing, a bundle of equipment and services…). ${moneyNote}`,
    {
      observationId: EntityId,
      rival: Type.Object(
        { kind: OneOf(RIVAL_KINDS), name: Text },
        {
          additionalProperties: false,
          description: 'Who made the offer: another state or a vendor directly.',
        },
      ),
      vendorsInvolved: Type.Array(Text),
      financing: Nullable(Text),
      amount: Nullable(money),
      bundle: Type.Array(Text),
      summary: Text,
    },
  );
}

/** CompetingOfferObserved data, schema version 1: `amount` a number of major units. */
export const CompetingOfferObservedV1 = competingOffer(
  1,
  LegacyMoney,
  'Version 1: `amount` is a JSON number of major units.',
);
/** CompetingOfferObserved data, schema version 2: `amount` in integer minor units. */
export const CompetingOfferObservedV2 = competingOffer(
  2,
  Money,
  'Version 2: `amount` is in integer minor units.',
);
/** CompetingOfferObserved data as version 1 recorded it. */
export type CompetingOfferObservedDataV1 = Immutable<Static<typeof CompetingOfferObservedV1>>;
/** CompetingOfferObserved data (newest version). */
export type CompetingOfferObservedData = Immutable<Static<typeof CompetingOfferObservedV2>>;
