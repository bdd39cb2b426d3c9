import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEPENDENCY_BASES, type DependencyBasis, NETWORK_DOMAINS, type NetworkDomain } from '#domain';
import { DATE_ONLY } from '../../shared/dates.js';
import { FigureViewRequestDto } from '../figure-view.request.dto.js';

/** Query string of GET /v1/countries/{country}/dependency/history. Dates are UTC calendar dates. */
export class GetDependencyHistoryRequestDto extends FigureViewRequestDto {
  /** Default: 36 months before `to`. */
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a valid date' })
  from?: string;

  /** Inclusive (the last point is the end of this day); default: today. */
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'to must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'to must be a valid date' })
  to?: string;

  @IsOptional() @IsIn(['month'], { message: 'interval must be month' }) interval: 'month' = 'month';

  @IsOptional()
  @IsIn(DEPENDENCY_BASES, { message: `basis must be one of ${DEPENDENCY_BASES.join(', ')}` })
  basis: DependencyBasis = 'units';

  /** One domain, `all` (domains summed, per unit kind or currency), or by default `each` domain apart. */
  @IsOptional()
  @IsIn([...NETWORK_DOMAINS, 'all', 'each'], {
    message: `domain must be one of ${NETWORK_DOMAINS.join(', ')}, all, each`,
  })
  domain: NetworkDomain | 'all' | 'each' = 'each';

  /** How far back engagements are listed before a move: those dated in [move − lookbackDays, move). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3650) lookbackDays = 365;
}
