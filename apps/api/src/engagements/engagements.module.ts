import { Module } from '@nestjs/common';
import { RecordDialogueRoundHandler } from './record-dialogue-round/record-dialogue-round.handler.js';
import { RecordDialogueRoundHttpController } from './record-dialogue-round/record-dialogue-round.http.controller.js';
import { RecordEnvoyMeetingHandler } from './record-envoy-meeting/record-envoy-meeting.handler.js';
import { RecordEnvoyMeetingHttpController } from './record-envoy-meeting/record-envoy-meeting.http.controller.js';

/** Commands that record engagements: envoy meetings and dialogue rounds. */
@Module({
  controllers: [RecordEnvoyMeetingHttpController, RecordDialogueRoundHttpController],
  providers: [RecordEnvoyMeetingHandler, RecordDialogueRoundHandler],
})
export class EngagementsModule {}
