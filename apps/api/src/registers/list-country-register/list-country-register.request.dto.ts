import { IsIn, IsOptional } from 'class-validator';
import type { IncentiveStatus } from '#domain';
import {
  CONTRACT_STATUSES,
  INCENTIVE_STATUSES,
  type RegisterStates,
  TECHNICAL_SUPPORT_STATUSES,
} from '../register-item.js';
import { RegisterReadRequestDto } from '../register-read.request.dto.js';

const oneOf = (statuses: readonly string[]) => ({ message: `status must be one of ${statuses.join(', ')}` });

/** Query string of GET /v1/countries/{country}/incentive-offers. `expired` includes offers that have lapsed. */
export class ListIncentiveOffersRequestDto extends RegisterReadRequestDto {
  @IsOptional() @IsIn(INCENTIVE_STATUSES, oneOf(INCENTIVE_STATUSES)) status?: IncentiveStatus;
}

/** Query string of GET /v1/countries/{country}/contracts. */
export class ListContractsRequestDto extends RegisterReadRequestDto {
  @IsOptional()
  @IsIn(CONTRACT_STATUSES, oneOf(CONTRACT_STATUSES))
  status?: RegisterStates['contract']['status'];
}

/** Query string of GET /v1/countries/{country}/technical-support. */
export class ListTechnicalSupportRequestDto extends RegisterReadRequestDto {
  @IsOptional()
  @IsIn(TECHNICAL_SUPPORT_STATUSES, oneOf(TECHNICAL_SUPPORT_STATUSES))
  status?: RegisterStates['technical-support']['status'];
}
