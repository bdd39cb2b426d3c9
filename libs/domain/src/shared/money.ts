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
