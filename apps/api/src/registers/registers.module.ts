import { Module } from '@nestjs/common';
import { ListCountryRegisterHandler } from './list-country-register/list-country-register.handler.js';
import { ListCountryRegisterHttpController } from './list-country-register/list-country-register.http.controller.js';
import { ListFollowUpsHandler } from './list-follow-ups/list-follow-ups.handler.js';
import { ListFollowUpsHttpController } from './list-follow-ups/list-follow-ups.http.controller.js';

/** Queries over the registers read model: offers, technical support, contracts and follow-ups as they stand. */
@Module({
  controllers: [ListCountryRegisterHttpController, ListFollowUpsHttpController],
  providers: [ListCountryRegisterHandler, ListFollowUpsHandler],
})
export class RegistersModule {}
