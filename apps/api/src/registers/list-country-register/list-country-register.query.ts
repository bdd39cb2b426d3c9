import { Query } from '@nestjs/cqrs';
import type { CountryRegisterItem, CountryRegisterKind, RegisterStates } from '../register-item.js';
import type { RegisterView } from '../register-read.request.dto.js';

export interface CountryRegister<K extends CountryRegisterKind> {
  readonly country: string;
  /** The recorded time the register is read as known at. */
  readonly knownAt: string;
  /** The UTC date offers were judged lapsed against (knownAt's). */
  readonly today: string;
  readonly items: readonly CountryRegisterItem<K>[];
}

/**
 * One country's incentive offers, technical support or contracts as known at a time, newest first, optionally
 * of one status.
 */
export class ListCountryRegisterQuery<K extends CountryRegisterKind> extends Query<CountryRegister<K>> {
  constructor(
    readonly kind: K,
    readonly country: string,
    readonly status: RegisterStates[K]['status'] | undefined,
    readonly view: RegisterView,
  ) {
    super();
  }
}
