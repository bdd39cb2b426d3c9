import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../infrastructure/tokens.js';
import type { CountryRegisterItem, CountryRegisterKind, IncentiveOfferItem } from '../register-item.js';
import { COUNTRY_REGISTER, type RegisterRow, toRegisterItem } from '../registers.sql.js';
import { type CountryRegister, ListCountryRegisterQuery } from './list-country-register.query.js';

@QueryHandler(ListCountryRegisterQuery)
export class ListCountryRegisterHandler
  implements IQueryHandler<ListCountryRegisterQuery<CountryRegisterKind>>
{
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({
    kind,
    country,
    status,
    view,
  }: ListCountryRegisterQuery<CountryRegisterKind>): Promise<CountryRegister<CountryRegisterKind>> {
    const { rows } = await this.pool.query<RegisterRow & { lapsed: boolean }>(COUNTRY_REGISTER, [
      kind,
      country,
      status ?? null,
      view.today,
      view.knownAt,
    ]);
    return {
      country,
      knownAt: view.knownAt.toISOString(),
      today: view.today,
      items: rows.map((row) => itemOf(kind, row)),
    };
  }
}

/** An offer that has lapsed reads as expired, saying so; other entries read as their stream left them. */
function itemOf(
  kind: CountryRegisterKind,
  row: RegisterRow & { lapsed: boolean },
): CountryRegisterItem<CountryRegisterKind> {
  if (kind !== 'incentive-offer') return toRegisterItem<Exclude<CountryRegisterKind, 'incentive-offer'>>(row);
  const offer = toRegisterItem<'incentive-offer'>(row);
  const item: IncentiveOfferItem = row.lapsed
    ? { ...offer, status: 'expired', lapsed: true }
    : { ...offer, lapsed: false };
  return item;
}
