import { CommandRejectedError } from './errors.js';

/** An amount in an ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** A date range; `end` null while open-ended. ISO dates (YYYY-MM-DD). */
export interface Period {
  readonly start: string;
  readonly end: string | null;
}

/** Refuses a period that ends before it starts. */
export function assertPeriod(period: Period): void {
  if (period.end !== null && period.end < period.start) {
    throw new CommandRejectedError('INVALID_PERIOD', 'A period cannot end before it starts.', {
      field: 'period.end',
      start: period.start,
      end: period.end,
    });
  }
}
