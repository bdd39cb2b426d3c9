import { Module } from '@nestjs/common';
import { GetEntryHandler } from './get-entry/get-entry.handler.js';
import { GetEntryHttpController } from './get-entry/get-entry.http.controller.js';
import { GetTimelineHandler } from './get-timeline/get-timeline.handler.js';
import { GetTimelineHttpController } from './get-timeline/get-timeline.http.controller.js';
import { ListCorrectionsHandler } from './list-corrections/list-corrections.handler.js';
import { ListCorrectionsHttpController } from './list-corrections/list-corrections.http.controller.js';

/** Queries over the country timeline read model. */
@Module({
  controllers: [GetTimelineHttpController, GetEntryHttpController, ListCorrectionsHttpController],
  providers: [GetTimelineHandler, GetEntryHandler, ListCorrectionsHandler],
})
export class TimelineModule {}
