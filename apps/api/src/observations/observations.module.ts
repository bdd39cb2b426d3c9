import { Module } from '@nestjs/common';
import { ObserveCompetingOfferHandler } from './observe-competing-offer/observe-competing-offer.handler.js';
import { ObserveCompetingOfferHttpController } from './observe-competing-offer/observe-competing-offer.http.controller.js';
import { ObserveCountryResponseHandler } from './observe-country-response/observe-country-response.handler.js';
import { ObserveCountryResponseHttpController } from './observe-country-response/observe-country-response.http.controller.js';

/** Commands that record what the country said or did, and what rivals offered it. */
@Module({
  controllers: [ObserveCountryResponseHttpController, ObserveCompetingOfferHttpController],
  providers: [ObserveCountryResponseHandler, ObserveCompetingOfferHandler],
})
export class ObservationsModule {}
