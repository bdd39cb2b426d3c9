import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { IsCountryCode } from '../../shared/dto.js';
import { FOLLOW_UP_STATUS_FILTERS, type FollowUpStatusFilter } from '../register-item.js';
import { RegisterReadRequestDto } from '../register-read.request.dto.js';

const upperCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;

/** Query string of GET /v1/follow-ups. */
export class ListFollowUpsRequestDto extends RegisterReadRequestDto {
  @IsOptional() @Transform(upperCase) @IsCountryCode() country?: string;

  @IsOptional()
  @IsIn(FOLLOW_UP_STATUS_FILTERS, { message: `status must be one of ${FOLLOW_UP_STATUS_FILTERS.join(', ')}` })
  status?: FollowUpStatusFilter;
}
