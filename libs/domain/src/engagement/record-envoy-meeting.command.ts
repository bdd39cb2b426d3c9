import type { EntryFacts } from '../shared/entry-facts.js';
import type { CommandMetadata } from '../shared/event.js';
import type { DialogueRoundConcludedData } from './dialogue-round-concluded.event.js';
import type { EnvoyMeetingHeldData } from './envoy-meeting-held.event.js';

/** Log a meeting that has already taken place. */
export interface RecordEnvoyMeeting extends EntryFacts {
  readonly type: 'RecordEnvoyMeeting';
  readonly meeting: EnvoyMeetingHeldData;
  readonly metadata: CommandMetadata;
}

/** Log a dialogue round that has concluded. */
export interface RecordDialogueRound extends EntryFacts {
  readonly type: 'RecordDialogueRound';
  readonly dialogue: DialogueRoundConcludedData;
  readonly metadata: CommandMetadata;
}
