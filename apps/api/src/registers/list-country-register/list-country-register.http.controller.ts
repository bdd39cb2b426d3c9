import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CountryCodePipe } from '../../http/country-code.pipe.js';
import { registerViewOf } from '../register-read.request.dto.js';
import { type CountryRegister, ListCountryRegisterQuery } from './list-country-register.query.js';
import {
  ListContractsRequestDto,
  ListIncentiveOffersRequestDto,
  ListTechnicalSupportRequestDto,
} from './list-country-register.request.dto.js';

/** A country's incentive offers, technical support commitments and telecom contracts, newest first. */
@Controller('v1/countries/:country')
export class ListCountryRegisterHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('incentive-offers')
  incentiveOffers(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: ListIncentiveOffersRequestDto,
  ): Promise<CountryRegister<'incentive-offer'>> {
    return this.queryBus.execute(
      new ListCountryRegisterQuery(
        'incentive-offer',
        country,
        query.status,
        registerViewOf(query, new Date()),
      ),
    );
  }

  @Get('contracts')
  contracts(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: ListContractsRequestDto,
  ): Promise<CountryRegister<'contract'>> {
    return this.queryBus.execute(
      new ListCountryRegisterQuery('contract', country, query.status, registerViewOf(query, new Date())),
    );
  }

  @Get('technical-support')
  technicalSupport(
    @Param('country', CountryCodePipe) country: string,
    @Query() query: ListTechnicalSupportRequestDto,
  ): Promise<CountryRegister<'technical-support'>> {
    return this.queryBus.execute(
      new ListCountryRegisterQuery(
        'technical-support',
        country,
        query.status,
        registerViewOf(query, new Date()),
      ),
    );
  }
}
