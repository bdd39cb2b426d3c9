import { IsOptional } from 'class-validator';
import { asOfInstant, utcDate } from '../shared/dates.js';
import { IsDateOrDateTime } from '../shared/dto.js';

/** What every register read may ask for: the registers as known at a time. */
export class RegisterReadRequestDto {
  /**
   * What we had recorded by then (recorded time; a bare date means the end of that day, UTC): the register as
   * shown in a briefing on that date comes back identical. Its UTC date is also the day offers are judged
   * lapsed and follow-ups overdue. Default: now.
   */
  @IsOptional()
  @IsDateOrDateTime()
  knownAt?: string;
}

/** The instant a register is read as known at, and the UTC day it judges lapses and due dates by. */
export interface RegisterView {
  readonly knownAt: Date;
  readonly today: string;
}

/** `knownAt`, or now; and its UTC date. */
export function registerViewOf(query: RegisterReadRequestDto, now: Date): RegisterView {
  const knownAt = asOfInstant(query.knownAt, now);
  return { knownAt, today: utcDate(knownAt) };
}
