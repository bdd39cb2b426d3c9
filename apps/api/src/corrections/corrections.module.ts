import { Module } from '@nestjs/common';
import { CorrectEntryHandler } from './correct-entry/correct-entry.handler.js';
import { CorrectEntryHttpController } from './correct-entry/correct-entry.http.controller.js';
import { RetractEntryHandler } from './retract-entry/retract-entry.handler.js';
import { RetractEntryHttpController } from './retract-entry/retract-entry.http.controller.js';

/** Corrections and retractions of any entry: appended to its stream, history never edited. */
@Module({
  controllers: [CorrectEntryHttpController, RetractEntryHttpController],
  providers: [CorrectEntryHandler, RetractEntryHandler],
})
export class CorrectionsModule {}
