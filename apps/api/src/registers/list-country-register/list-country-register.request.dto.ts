import { IsIn, IsOptional } from 'class-validator';
import type { IncentiveStatus } from '#domain';
import {
  CONTRACT_STATUSES,
  INCENTIVE_STATUSES,
  type RegisterStates,
  TECHNICAL_SUPPORT_STATUSES,
} from '../register-item.js';

const oneOf = (statuses: readonly string[]) => ({ message: `status must be one of ${statuses.join(', ')}` });

/** Query string of GET /v1/countries/{country}/incentive-offers. */
export class ListIncentiveOffersRequestDto {
  @IsOptional() @IsIn(INCENTIVE_STATUSES, oneOf(INCENTIVE_STATUSES)) status?: IncentiveStatus;
}

/** Query string of GET /v1/countries/{country}/contracts. */
export class ListContractsRequestDto {
  @IsOptional()
  @IsIn(CONTRACT_STATUSES, oneOf(CONTRACT_STATUSES))
  status?: RegisterStates['contract']['status'];
}

/** Query string of GET /v1/countries/{country}/technical-support. */
export class ListTechnicalSupportRequestDto {
  @IsOptional()
  @IsIn(TECHNICAL_SUPPORT_STATUSES, oneOf(TECHNICAL_SUPPORT_STATUSES))
  status?: RegisterStates['technical-support']['status'];
}
