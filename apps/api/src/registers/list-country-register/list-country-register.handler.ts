import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_READ_POOL } from '../../infrastructure/tokens.js';
import { scopeParams } from '../../timeline/read-scope.sql.js';
import { encodeCountryRegisterCursor } from '../register-cursor.js';
import {
  type CountryRegisterItem,
  type CountryRegisterKind,
  contractItem,
  incentiveOfferItem,
  type RegisterStates,
  technicalSupportItem,
} from '../register-item.js';
import { COUNTRY_REGISTER_PAGE, type CountryRegisterRow } from '../registers.sql.js';
import { type CountryRegister, ListCountryRegisterQuery } from './list-country-register.query.js';

@QueryHandler(ListCountryRegisterQuery)
export class ListCountryRegisterHandler
  implements IQueryHandler<ListCountryRegisterQuery<CountryRegisterKind>>
{
  constructor(@Inject(PG_READ_POOL) private readonly pool: pg.Pool) {}

  async execute({
    kind,
    country,
    status,
    page: { view, limit, after },
    scope,
  }: ListCountryRegisterQuery<CountryRegisterKind>): Promise<CountryRegister<CountryRegisterKind>> {
    const { rows } = await this.pool.query<CountryRegisterRow<RegisterStates[CountryRegisterKind]>>(
      COUNTRY_REGISTER_PAGE,
      [
        kind,
        country,
        status ?? null,
        view.today,
        view.knownAt,
        after?.occurredAt ?? null,
        after?.streamId ?? null,
        limit + 1,
        ...scopeParams(scope),
      ],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      country,
      status: status ?? null,
      knownAt: view.knownAt.toISOString(),
      today: view.today,
      items: page.map((row) => itemOf(kind, row)),
      nextCursor:
        rows.length > limit && last
          ? encodeCountryRegisterCursor(kind, view.knownAt, {
              occurredAt: last.occurred_at.toISOString(),
              streamId: last.stream_id,
            })
          : null,
    };
  }
}

/** Each kind's own item, field by field. */
function itemOf(
  kind: CountryRegisterKind,
  row: CountryRegisterRow<RegisterStates[CountryRegisterKind]>,
): CountryRegisterItem<CountryRegisterKind> {
  switch (kind) {
    case 'incentive-offer':
      return incentiveOfferItem(row as CountryRegisterRow<RegisterStates['incentive-offer']>);
    case 'contract':
      return contractItem(row as CountryRegisterRow<RegisterStates['contract']>);
    case 'technical-support':
      return technicalSupportItem(row as CountryRegisterRow<RegisterStates['technical-support']>);
  }
}
