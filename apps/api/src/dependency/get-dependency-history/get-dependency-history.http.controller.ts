import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { RequestValidationException } from '../../http/validation.js';
import { monthEndPoints, monthsBefore, utcDate } from '../../shared/dates.js';
import { knownAtOf } from '../figure-view.request.dto.js';
import { type DependencyHistory, GetDependencyHistoryQuery } from './get-dependency-history.query.js';
import { GetDependencyHistoryRequestDto } from './get-dependency-history.request.dto.js';

/** Points one series may have: 20 years of month ends. */
export const MAX_HISTORY_POINTS = 240;
const DEFAULT_MONTHS = 36;

/** A country's dependency month by month: every move, the events that caused it, and what preceded it. */
@ReadAccess()
@Controller('v1/countries/:country/dependency/history')
export class GetDependencyHistoryHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @AnswersWith('DependencyHistory')
  history(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: GetDependencyHistoryRequestDto,
    @Reader() scope: ReadScope,
  ): Promise<DependencyHistory> {
    const to = query.to ?? utcDate(new Date());
    const from = query.from ?? utcDate(monthsBefore(new Date(`${to}T00:00:00Z`), DEFAULT_MONTHS));
    if (from > to) {
      throw new RequestValidationException([{ field: 'from', message: 'from must not be after to' }]);
    }
    const points = monthEndPoints(from, to, MAX_HISTORY_POINTS);
    if (points.length > MAX_HISTORY_POINTS) {
      throw new RequestValidationException([
        {
          field: 'from',
          message: `from–to spans more than ${MAX_HISTORY_POINTS} points at interval ${query.interval}`,
        },
      ]);
    }
    return this.queryBus.execute(
      new GetDependencyHistoryQuery(
        country,
        { from, to, interval: query.interval },
        points,
        query.basis,
        query.domain,
        query.lookbackDays,
        knownAtOf(query, new Date()),
        query.riskList,
        scope,
      ),
    );
  }
}
