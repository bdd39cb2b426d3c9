import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { type CountryList, ListCountriesQuery } from './list-countries.query.js';

/** The countries leadership follows: every country with any activity, with what to look at first. */
@Controller('v1/countries')
export class ListCountriesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  countries(): Promise<CountryList> {
    return this.queryBus.execute(new ListCountriesQuery(new Date()));
  }
}
