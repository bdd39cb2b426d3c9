import { Module } from '@nestjs/common';
import { CloseTechnicalSupportHandler } from './close-technical-support/close-technical-support.handler.js';
import { CloseTechnicalSupportHttpController } from './close-technical-support/close-technical-support.http.controller.js';
import { CommitTechnicalSupportHandler } from './commit-technical-support/commit-technical-support.handler.js';
import { CommitTechnicalSupportHttpController } from './commit-technical-support/commit-technical-support.http.controller.js';
import { DeliverMilestoneHandler } from './deliver-milestone/deliver-milestone.handler.js';
import { DeliverMilestoneHttpController } from './deliver-milestone/deliver-milestone.http.controller.js';

/** Commands on technical-support commitments: committed, milestones delivered, closed once. */
@Module({
  controllers: [
    CommitTechnicalSupportHttpController,
    DeliverMilestoneHttpController,
    CloseTechnicalSupportHttpController,
  ],
  providers: [CommitTechnicalSupportHandler, DeliverMilestoneHandler, CloseTechnicalSupportHandler],
})
export class TechnicalSupportModule {}
