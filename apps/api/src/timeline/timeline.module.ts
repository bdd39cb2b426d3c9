import { Module } from '@nestjs/common';
import { GetEntryHttpController } from './get-entry/get-entry.http.controller.js';
import { GetTimelineHandler } from './get-timeline/get-timeline.handler.js';
import { GetTimelineHttpController } from './get-timeline/get-timeline.http.controller.js';

/** Queries over the country timeline read model. */
@Module({
  controllers: [GetTimelineHttpController, GetEntryHttpController],
  providers: [GetTimelineHandler],
})
export class TimelineModule {}
