import { RequestValidationException } from './validation.js';

/** A page cursor this API issued, decoded; a cursor it did not issue is a 400 naming `cursor`. */
export function issuedCursor<C>(
  raw: string | undefined,
  decode: (raw: string) => C | undefined,
): C | undefined {
  if (raw === undefined) return undefined;
  const cursor = decode(raw);
  if (cursor === undefined) {
    throw new RequestValidationException([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
  }
  return cursor;
}

/** A `from` (inclusive) … `to` (exclusive) range of validated date-times; an empty one is a 400 naming `to`. */
export function dateRange(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  const range = {
    ...(from === undefined ? {} : { from: new Date(from) }),
    ...(to === undefined ? {} : { to: new Date(to) }),
  };
  if (range.from && range.to && range.from >= range.to) {
    throw new RequestValidationException([{ field: 'to', message: 'to must be after from' }]);
  }
  return range;
}
