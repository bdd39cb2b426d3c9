/** Date arithmetic of the read endpoints, all in UTC. */

const DAY_MS = 86_400_000;
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A date-time that names one instant: RFC 3339 with `Z` or an explicit offset. Without one, `new Date` would
 * read it in the server's time zone, so it is refused; so are ISO 8601 forms `Date` cannot read (week dates,
 * ordinal dates, basic format).
 */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A date (the whole UTC day) or an instant, for read bounds such as `asOf` and `knownAt`. */
export const DATE_OR_INSTANT = new RegExp(
  `^(?:${DATE_ONLY.source.slice(1, -1)}|${INSTANT.source.slice(1, -1)})$`,
);

/** The last millisecond of a date (YYYY-MM-DD), UTC. */
export function endOfDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1);
}

/** An upper bound given as a date or a date-time: a bare date means the end of that day (UTC). */
export function upperBound(value: string): Date {
  return DATE_ONLY.test(value) ? endOfDay(value) : new Date(value);
}

/** `asOf` as an instant: see upperBound; absent, now. */
export function asOfInstant(value: string | undefined, now: Date): Date {
  return value === undefined ? now : upperBound(value);
}

/** The UTC date (YYYY-MM-DD) of an instant. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Midnight UTC of a calendar day, in milliseconds; months and days out of range roll over as with `Date.UTC`.
 * Unlike `Date.UTC`, which reads years 0–99 as 1900–1999, it takes every year as written.
 */
function utcMidnight(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(utcMidnight(year, monthIndex + 1, 0)).getUTCDate();
}

/** The same day `months` calendar months earlier, kept within the month (31 March − 1 month = 28/29 Feb). */
export function monthsBefore(instant: Date, months: number): Date {
  const total = instant.getUTCFullYear() * 12 + instant.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(instant.getUTCDate(), daysInMonth(year, month));
  const timeOfDay =
    instant.getTime() - utcMidnight(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  return new Date(utcMidnight(year, month, day) + timeOfDay);
}

/**
 * The instants a monthly series is measured at: the end of every month ending on or after `from` and before
 * `to`, then the end of `to` itself. Stops after `limit + 1` points, so a caller can tell "too many" cheaply.
 */
export function monthEndPoints(from: string, to: string, limit: number): Date[] {
  const last = endOfDay(to);
  const points: Date[] = [];
  const start = new Date(`${from}T00:00:00Z`);
  for (let i = 0; points.length <= limit; i += 1) {
    const monthEnd = new Date(utcMidnight(start.getUTCFullYear(), start.getUTCMonth() + i + 1, 1) - 1);
    if (monthEnd.getTime() >= last.getTime()) break;
    points.push(monthEnd);
  }
  if (points.length <= limit) points.push(last);
  return points;
}

/** `instant` minus a number of days. */
export function daysBefore(instant: Date, days: number): Date {
  return new Date(instant.getTime() - days * DAY_MS);
}
