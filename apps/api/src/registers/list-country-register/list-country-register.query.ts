import { Query } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import type { CountryRegisterKey } from '../register-cursor.js';
import type { CountryRegisterItem, CountryRegisterKind, RegisterStates } from '../register-item.js';
import type { RegisterPageRequest } from '../register-read.request.dto.js';

/** A page of a country register. */
export interface CountryRegister<K extends CountryRegisterKind> {
  readonly country: string;
  /** The status asked for, or null. */
  readonly status: RegisterStates[K]['status'] | null;
  /** The recorded time the register is read as known at. */
  readonly knownAt: string;
  /** The UTC date offers were judged lapsed against (knownAt's). */
  readonly today: string;
  readonly items: readonly CountryRegisterItem<K>[];
  /** The cursor of the next page; null on the last. */
  readonly nextCursor: string | null;
}

/**
 * One page of one country's incentive offers, technical support or contracts as known at a time, newest first,
 * optionally of one status.
 */
export class ListCountryRegisterQuery<K extends CountryRegisterKind> extends Query<CountryRegister<K>> {
  constructor(
    readonly kind: K,
    readonly country: string,
    readonly status: RegisterStates[K]['status'] | undefined,
    readonly page: RegisterPageRequest<CountryRegisterKey>,
    /** Who reads: only the entries at most its clearance, of its countries. */
    readonly scope: ReadScope,
  ) {
    super();
  }
}
