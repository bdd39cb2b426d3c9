import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsDateTime } from '../../shared/dto.js';

/** Body of POST /v1/vendors/{id}/risk: the vendor's high-risk flag changes from `occurredAt` on. */
export class ReclassifyVendorRiskRequestDto {
  @IsDateTime() occurredAt!: string;

  @IsBoolean() highRisk!: boolean;

  @IsString() @IsNotEmpty() @MaxLength(1_000) riskBasis!: string;
}
