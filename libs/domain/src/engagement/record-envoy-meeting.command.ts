import type { Classification, Confidence } from '../shared/classification.js';
import type { CommandMetadata } from '../shared/event.js';
import type { EnvoyMeetingHeldData } from './envoy-meeting-held.event.js';

/** Log a meeting that has already taken place. */
export interface RecordEnvoyMeeting {
  readonly type: 'RecordEnvoyMeeting';
  readonly country: string;
  readonly occurredAt: Date;
  readonly classification: Classification;
  readonly source: string | null;
  readonly confidence: Confidence | null;
  readonly meeting: EnvoyMeetingHeldData;
  readonly metadata: CommandMetadata;
}
