import { Transform } from 'class-transformer';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import { isAssignedCountryCode } from '../../http/country-code.pipe.js';
import { FOLLOW_UP_STATUS_FILTERS, type FollowUpStatusFilter } from '../register-item.js';

const upperCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;

/** An assigned ISO 3166-1 alpha-2 code (already upper-cased by the transform). */
const IsAssignedCountry = () =>
  ValidateBy({
    name: 'isAssignedCountry',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isAssignedCountryCode(value),
      defaultMessage: () => 'country must be an assigned ISO 3166-1 alpha-2 country code',
    },
  });

/** Query string of GET /v1/follow-ups. */
export class ListFollowUpsRequestDto {
  @IsOptional() @Transform(upperCase) @IsAssignedCountry() country?: string;

  @IsOptional()
  @IsIn(FOLLOW_UP_STATUS_FILTERS, { message: `status must be one of ${FOLLOW_UP_STATUS_FILTERS.join(', ')}` })
  status?: FollowUpStatusFilter;
}
