import { Module } from '@nestjs/common';
import { RecordEnvoyMeetingHandler } from './record-envoy-meeting/record-envoy-meeting.handler.js';
import { RecordEnvoyMeetingHttpController } from './record-envoy-meeting/record-envoy-meeting.http.controller.js';

/** Commands that record engagements. */
@Module({
  controllers: [RecordEnvoyMeetingHttpController],
  providers: [RecordEnvoyMeetingHandler],
})
export class EngagementsModule {}
