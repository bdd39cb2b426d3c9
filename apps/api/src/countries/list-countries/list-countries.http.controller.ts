import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { FigureViewRequestDto, knownAtOf } from '../../dependency/figure-view.request.dto.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { type CountryList, ListCountriesQuery } from './list-countries.query.js';

/** The countries leadership follows: every country with any activity, with what to look at first. */
@ReadAccess()
@Controller('v1/countries')
export class ListCountriesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /** `knownAt` reads the overview as it stood then: that day's figures as we had recorded them by then. */
  @Get()
  @AnswersWith('CountryList')
  countries(@Query() query: FigureViewRequestDto, @Reader() scope: ReadScope): Promise<CountryList> {
    return this.queryBus.execute(
      new ListCountriesQuery(
        knownAtOf(query, new Date()),
        query.riskList,
        scope,
        query.knownAt === undefined,
      ),
    );
  }
}
