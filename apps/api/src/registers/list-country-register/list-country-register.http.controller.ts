import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReadScope } from '#domain';
import { ReadAccess, Reader } from '../../auth/access.js';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { AnswersWith } from '../../http/openapi/read-models.js';
import { RequestValidationException } from '../../http/validation.js';
import { type CountryRegisterKey, decodeCountryRegisterCursor } from '../register-cursor.js';
import type { CountryRegisterKind } from '../register-item.js';
import {
  type RegisterPageRequest,
  type RegisterReadRequestDto,
  registerPageOf,
} from '../register-read.request.dto.js';
import { type CountryRegister, ListCountryRegisterQuery } from './list-country-register.query.js';
import {
  ListContractsRequestDto,
  ListIncentiveOffersRequestDto,
  ListTechnicalSupportRequestDto,
} from './list-country-register.request.dto.js';

/** The page asked for; a cursor this API did not issue for the register is a 400 naming `cursor`. */
function pageOf(
  kind: CountryRegisterKind,
  query: RegisterReadRequestDto,
): RegisterPageRequest<CountryRegisterKey> {
  const page = registerPageOf(query, (raw) => decodeCountryRegisterCursor(kind, raw), new Date());
  if ('refused' in page) throw new RequestValidationException([{ field: 'cursor', message: page.refused }]);
  return page;
}

/**
 * A country's incentive offers, technical support commitments and telecom contracts, newest first, a page at a
 * time (`limit`, `cursor`).
 */
@ReadAccess()
@Controller('v1/countries/:country')
export class ListCountryRegisterHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('incentive-offers')
  @AnswersWith('IncentiveOfferRegister')
  incentiveOffers(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: ListIncentiveOffersRequestDto,
    @Reader() scope: ReadScope,
  ): Promise<CountryRegister<'incentive-offer'>> {
    return this.queryBus.execute(
      new ListCountryRegisterQuery(
        'incentive-offer',
        country,
        query.status,
        pageOf('incentive-offer', query),
        scope,
      ),
    );
  }

  @Get('contracts')
  @AnswersWith('ContractRegister')
  contracts(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: ListContractsRequestDto,
    @Reader() scope: ReadScope,
  ): Promise<CountryRegister<'contract'>> {
    return this.queryBus.execute(
      new ListCountryRegisterQuery('contract', country, query.status, pageOf('contract', query), scope),
    );
  }

  @Get('technical-support')
  @AnswersWith('TechnicalSupportRegister')
  technicalSupport(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: ListTechnicalSupportRequestDto,
    @Reader() scope: ReadScope,
  ): Promise<CountryRegister<'technical-support'>> {
    return this.queryBus.execute(
      new ListCountryRegisterQuery(
        'technical-support',
        country,
        query.status,
        pageOf('technical-support', query),
        scope,
      ),
    );
  }
}
