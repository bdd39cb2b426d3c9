import { Module } from '@nestjs/common';
import { ListCountriesHandler } from './list-countries/list-countries.handler.js';
import { ListCountriesHttpController } from './list-countries/list-countries.http.controller.js';

/** The country overview leadership starts from. */
@Module({
  controllers: [ListCountriesHttpController],
  providers: [ListCountriesHandler],
})
export class CountriesModule {}
