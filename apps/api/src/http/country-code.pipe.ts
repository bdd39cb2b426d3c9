import { Injectable, type PipeTransform } from '@nestjs/common';
import countries from 'i18n-iso-countries';
import { RequestValidationException } from './validation.js';

const ASSIGNED = new Set(Object.keys(countries.getAlpha2Codes()));

/** Accepts an assigned ISO 3166-1 alpha-2 code in either case and hands on its upper-case form. */
export function isAssignedCountryCode(value: string): boolean {
  return ASSIGNED.has(value.toUpperCase());
}

@Injectable()
export class CountryCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z]{2}$/.test(value) || !isAssignedCountryCode(value)) {
      throw new RequestValidationException([
        {
          field: 'country',
          message: `"${value.slice(0, 16)}" is not an assigned ISO 3166-1 alpha-2 country code`,
        },
      ]);
    }
    return value.toUpperCase();
  }
}
