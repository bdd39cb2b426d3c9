import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { asOfInstant } from '../../shared/dates.js';
import { knownAtOf } from '../figure-view.request.dto.js';
import { type DependencyReport, GetDependencyQuery } from './get-dependency.query.js';
import { GetDependencyRequestDto } from './get-dependency.request.dto.js';

/** How dependent a country's networks are on their vendors, and on high-risk ones, at a date. */
@ReadAccess()
@Controller('v1/countries/:country/dependency')
export class GetDependencyHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @AnswersWith('DependencyReport')
  dependency(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: GetDependencyRequestDto,
    @Reader() scope: ReadScope,
  ): Promise<DependencyReport> {
    const now = new Date();
    return this.queryBus.execute(
      new GetDependencyQuery(
        country,
        asOfInstant(query.asOf, now),
        knownAtOf(query, now),
        query.basis,
        query.domain ?? 'all',
        query.riskList,
        scope,
      ),
    );
  }
}
