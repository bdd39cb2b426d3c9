import { Module } from '@nestjs/common';
import { GetDependencyHandler } from './get-dependency/get-dependency.handler.js';
import { GetDependencyHttpController } from './get-dependency/get-dependency.http.controller.js';
import { GetDependencyHistoryHandler } from './get-dependency-history/get-dependency-history.handler.js';
import { GetDependencyHistoryHttpController } from './get-dependency-history/get-dependency-history.http.controller.js';

/** Vendor dependency of a country's networks, from the contract holdings ledger and the vendor registry. */
@Module({
  controllers: [GetDependencyHttpController, GetDependencyHistoryHttpController],
  providers: [GetDependencyHandler, GetDependencyHistoryHandler],
})
export class DependencyModule {}
