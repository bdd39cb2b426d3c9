import { Module } from '@nestjs/common';
import { AmendContractHandler } from './amend-contract/amend-contract.handler.js';
import { AmendContractHttpController } from './amend-contract/amend-contract.http.controller.js';
import { AwardContractHandler } from './award-contract/award-contract.handler.js';
import { AwardContractHttpController } from './award-contract/award-contract.http.controller.js';
import { ReplaceEquipmentHandler } from './replace-equipment/replace-equipment.handler.js';
import { ReplaceEquipmentHttpController } from './replace-equipment/replace-equipment.http.controller.js';
import { TerminateContractHandler } from './terminate-contract/terminate-contract.handler.js';
import { TerminateContractHttpController } from './terminate-contract/terminate-contract.http.controller.js';

/** Commands on telecom contracts: awarded to a registered vendor, amended, equipment replaced, terminated. */
@Module({
  controllers: [
    AwardContractHttpController,
    AmendContractHttpController,
    TerminateContractHttpController,
    ReplaceEquipmentHttpController,
  ],
  providers: [AwardContractHandler, AmendContractHandler, TerminateContractHandler, ReplaceEquipmentHandler],
})
export class ContractsModule {}
