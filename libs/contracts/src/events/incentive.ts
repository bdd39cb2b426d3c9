// Incentive stream (libs/domain/src/incentive). Version 1 of the money-carrying events held amounts as a JSON
// number of major units; version 2 holds integer minor units.
import { type Static, type TSchema, Type } from 'typebox';
import {
  EntityId,
  eventData,
  type Immutable,
  IsoDate,
  LegacyMoney,
  Money,
  Nullable,
  OneOf,
  PartialObject,
  Text,
} from './shared.js';

/** The instruments an incentive is offered through. */
export const INCENTIVE_INSTRUMENTS = [
  'loan',
  'guarantee',
  'equity',
  'grant',
  'financing',
  'training',
  'licence-relief',
] as const;

/** Event type: an economic incentive was put to the country. */
export const INCENTIVE_OFFERED = 'IncentiveOffered';
/** Event type: the terms of an open offer changed. */
export const INCENTIVE_TERMS_AMENDED = 'IncentiveTermsAmended';
/** Event type: the country took the offer. */
export const INCENTIVE_ACCEPTED = 'IncentiveAccepted';
/** Event type: the country turned the offer down. */
export const INCENTIVE_DECLINED = 'IncentiveDeclined';
/** Event type: we took the offer back. */
export const INCENTIVE_WITHDRAWN = 'IncentiveWithdrawn';
/** Event type: the offer lapsed unanswered. */
export const INCENTIVE_EXPIRED = 'IncentiveExpired';

function terms<M extends TSchema>(money: M) {
  return {
    amount: Nullable(money),
    conditions: Type.Array(Text),
    expiresOn: Nullable(IsoDate),
    description: Text,
  };
}

const OFFERED =
  'An economic incentive (a loan, guarantee, grant…) was put to the country. The offer stays open until accepted, declined, withdrawn or expired; past the end of `expiresOn` (UTC) it can only expire.';

function offered<M extends TSchema>(version: number, money: M, moneyNote: string) {
  return eventData(INCENTIVE_OFFERED, version, `${OFFERED} ${moneyNote}`, {
    offerId: EntityId,
    instrument: OneOf(INCENTIVE_INSTRUMENTS),
    agency: Text,
    ...terms(money),
  });
}

/** IncentiveOffered data, schema version 1: `amount` a number of major units. */
export const IncentiveOfferedV1 = offered(
  1,
  LegacyMoney,
  'Version 1: `amount` is a JSON number of major units.',
);
/** IncentiveOffered data, schema version 2: `amount` integer minor units. */
export const IncentiveOfferedV2 = offered(2, Money, 'Version 2: `amount` is in integer minor units.');
/** IncentiveOffered data as version 1 recorded it. */
export type IncentiveOfferedDataV1 = Immutable<Static<typeof IncentiveOfferedV1>>;
/** IncentiveOffered data (newest version). */
export type IncentiveOfferedData = Immutable<Static<typeof IncentiveOfferedV2>>;

function termsAmended<M extends TSchema>(version: number, money: M, moneyNote: string) {
  return eventData(
    INCENTIVE_TERMS_AMENDED,
    version,
    `The terms of an open offer changed: \`changes\` holds each changed term with its new value (a term left out is unchanged; null clears it). ${moneyNote}`,
    {
      offerId: EntityId,
      changes: PartialObject(
        terms(money),
        'Each changed term with its new value; a term left out is unchanged, null clears it.',
      ),
      reason: Text,
    },
  );
}

/** IncentiveTermsAmended data, schema version 1: a changed amount a number of major units. */
export const IncentiveTermsAmendedV1 = termsAmended(
  1,
  LegacyMoney,
  'Version 1: a changed amount is a JSON number of major units.',
);
/** IncentiveTermsAmended data, schema version 2: a changed amount in minor units. */
export const IncentiveTermsAmendedV2 = termsAmended(
  2,
  Money,
  'Version 2: a changed amount is in integer minor units.',
);
/** IncentiveTermsAmended data as version 1 recorded it. */
export type IncentiveTermsAmendedDataV1 = Immutable<Static<typeof IncentiveTermsAmendedV1>>;
/** IncentiveTermsAmended data (newest version). */
export type IncentiveTermsAmendedData = Immutable<Static<typeof IncentiveTermsAmendedV2>>;

function closed(type: string, what: string) {
  return eventData(type, 1, `${what} This closes the offer for good.`, { offerId: EntityId, note: Text });
}

/** IncentiveAccepted data, schema version 1. */
export const IncentiveAcceptedV1 = closed(INCENTIVE_ACCEPTED, 'The country took the offer.');
/** IncentiveDeclined data, schema version 1. */
export const IncentiveDeclinedV1 = closed(INCENTIVE_DECLINED, 'The country turned the offer down.');
/** IncentiveWithdrawn data, schema version 1. */
export const IncentiveWithdrawnV1 = closed(INCENTIVE_WITHDRAWN, 'We took the offer back.');
/** IncentiveExpired data, schema version 1. */
export const IncentiveExpiredV1 = closed(
  INCENTIVE_EXPIRED,
  'The offer lapsed unanswered (recorded by the scheduler at the start of the day after `expiresOn`, or by an officer).',
);
/** The data of IncentiveAccepted, IncentiveDeclined, IncentiveWithdrawn and IncentiveExpired. */
export type IncentiveClosedData = Immutable<Static<typeof IncentiveAcceptedV1>>;
