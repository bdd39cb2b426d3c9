import { Query } from '@nestjs/cqrs';
import type { CountryRegisterKind, RegisterItem, RegisterStates } from '../register-item.js';

export interface CountryRegister<K extends CountryRegisterKind> {
  readonly country: string;
  readonly items: readonly RegisterItem<K>[];
}

/** One country's incentive offers, technical support or contracts, newest first, optionally of one status. */
export class ListCountryRegisterQuery<K extends CountryRegisterKind> extends Query<CountryRegister<K>> {
  constructor(
    readonly kind: K,
    readonly country: string,
    readonly status: RegisterStates[K]['status'] | undefined,
  ) {
    super();
  }
}
