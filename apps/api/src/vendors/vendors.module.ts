import { Module } from '@nestjs/common';
import { ReclassifyVendorRiskHandler } from './reclassify-vendor-risk/reclassify-vendor-risk.handler.js';
import { ReclassifyVendorRiskHttpController } from './reclassify-vendor-risk/reclassify-vendor-risk.http.controller.js';
import { RegisterVendorHandler } from './register-vendor/register-vendor.handler.js';
import { RegisterVendorHttpController } from './register-vendor/register-vendor.http.controller.js';
import { VendorCatalogueSeeder } from './vendor-catalogue.seeder.js';

/** The vendor registry: registrations, risk reclassifications, and the catalogue seeded at startup. */
@Module({
  controllers: [RegisterVendorHttpController, ReclassifyVendorRiskHttpController],
  providers: [RegisterVendorHandler, ReclassifyVendorRiskHandler, VendorCatalogueSeeder],
})
export class VendorsModule {}
