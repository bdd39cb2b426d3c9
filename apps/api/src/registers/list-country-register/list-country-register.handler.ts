import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '../../infrastructure/tokens.js';
import type { CountryRegisterKind } from '../register-item.js';
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
  }: ListCountryRegisterQuery<CountryRegisterKind>): Promise<CountryRegister<CountryRegisterKind>> {
    const { rows } = await this.pool.query<RegisterRow>(COUNTRY_REGISTER, [kind, country, status ?? null]);
    return { country, items: rows.map((row) => toRegisterItem(row)) };
  }
}
