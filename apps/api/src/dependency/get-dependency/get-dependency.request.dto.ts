import { IsIn, IsOptional } from 'class-validator';
import { DEPENDENCY_BASES, type DependencyBasis, NETWORK_DOMAINS, type NetworkDomain } from '#domain';
import { IsDateOrDateTime } from '../../shared/dto.js';
import { FigureViewRequestDto } from '../figure-view.request.dto.js';

/** Query string of GET /v1/countries/{country}/dependency. */
export class GetDependencyRequestDto extends FigureViewRequestDto {
  /** A bare date means the end of that day, UTC; absent, now. */
  @IsOptional()
  @IsDateOrDateTime()
  asOf?: string;

  @IsOptional()
  @IsIn([...NETWORK_DOMAINS, 'all'], { message: `domain must be one of ${NETWORK_DOMAINS.join(', ')}, all` })
  domain?: NetworkDomain | 'all';

  @IsOptional()
  @IsIn(DEPENDENCY_BASES, { message: `basis must be one of ${DEPENDENCY_BASES.join(', ')}` })
  basis: DependencyBasis = 'units';
}
