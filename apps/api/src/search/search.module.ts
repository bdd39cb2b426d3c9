import { Module } from '@nestjs/common';
import { SearchTimelineHandler } from './search.handler.js';
import { SearchHttpController } from './search.http.controller.js';

/** Full-text search over the timeline read model. */
@Module({
  controllers: [SearchHttpController],
  providers: [SearchTimelineHandler],
})
export class SearchModule {}
