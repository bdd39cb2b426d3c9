import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCountryCode, IsDateTime, IsVendorId } from '../../shared/dto.js';

/** Body of POST /v1/vendors: a vendor enters the registry contracts draw on. */
export class RegisterVendorRequestDto {
  @IsString() @IsVendorId() vendorId!: string;

  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;

  /** ISO 3166-1 alpha-2 country of origin. */
  @IsCountryCode() origin!: string;

  @IsBoolean() highRisk!: boolean;

  /** Why it is (or is not) high-risk, e.g. "US FCC Covered List". */
  @IsOptional() @IsString() @MaxLength(1_000) riskBasis: string | null = null;

  /** From when the registry's view of the vendor holds. */
  @IsDateTime() occurredAt!: string;
}
