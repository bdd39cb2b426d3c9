import { Module } from '@nestjs/common';
import { AssignFollowUpHandler } from './assign-follow-up/assign-follow-up.handler.js';
import { AssignFollowUpHttpController } from './assign-follow-up/assign-follow-up.http.controller.js';
import { CompleteFollowUpHandler } from './complete-follow-up/complete-follow-up.handler.js';
import { CompleteFollowUpHttpController } from './complete-follow-up/complete-follow-up.http.controller.js';

/** Commands on follow-ups: assigned out of an engagement, completed once. */
@Module({
  controllers: [AssignFollowUpHttpController, CompleteFollowUpHttpController],
  providers: [AssignFollowUpHandler, CompleteFollowUpHandler],
})
export class FollowUpsModule {}
