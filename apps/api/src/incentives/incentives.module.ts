import { Module } from '@nestjs/common';
import { AmendIncentiveTermsHandler } from './amend-incentive-terms/amend-incentive-terms.handler.js';
import { AmendIncentiveTermsHttpController } from './amend-incentive-terms/amend-incentive-terms.http.controller.js';
import { CloseIncentiveOfferHandler } from './close-incentive-offer/close-incentive-offer.handler.js';
import { CloseIncentiveOfferHttpController } from './close-incentive-offer/close-incentive-offer.http.controller.js';
import { OfferIncentiveHandler } from './offer-incentive/offer-incentive.handler.js';
import { OfferIncentiveHttpController } from './offer-incentive/offer-incentive.http.controller.js';

/** Commands on incentive offers: offered, amended while open, then accepted, declined, withdrawn or expired. */
@Module({
  controllers: [
    OfferIncentiveHttpController,
    AmendIncentiveTermsHttpController,
    CloseIncentiveOfferHttpController,
  ],
  providers: [OfferIncentiveHandler, AmendIncentiveTermsHandler, CloseIncentiveOfferHandler],
})
export class IncentivesModule {}
