import { Injectable, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { RequestValidationException } from './validation.js';

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new RequestValidationException([{ field, message: `${field} must be a UUID` }]),
  });
}

/** Vendor ids are readable slugs (`huawei`, `hmn-tech`), not UUIDs. */
export const VENDOR_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,40}$/;

@Injectable()
export class VendorIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!VENDOR_ID_PATTERN.test(value)) {
      throw new RequestValidationException([
        { field: 'id', message: 'id must be a vendor id (lower-case letters, digits and dashes)' },
      ]);
    }
    return value;
  }
}
