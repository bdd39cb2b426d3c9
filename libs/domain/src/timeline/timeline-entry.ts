import { ENVOY_MEETING_HELD, type EnvoyMeetingHeldData } from '../engagement/envoy-meeting-held.event.js';
import type { RecordedEvent } from '../shared/event.js';

/** One line of a country's timeline, with the facets leadership filters by. */
export interface TimelineEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly country: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly classification: string;
  readonly headline: string;
  readonly topics: readonly string[];
  readonly vendors: readonly string[];
  readonly participants: readonly string[];
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly data: unknown;
}

function names(people: EnvoyMeetingHeldData['envoys']): string[] {
  return people.map((p) => p.name);
}

/** Describes any recorded event as a timeline entry; types it does not know get a plain entry. */
export function toTimelineEntry(event: RecordedEvent): TimelineEntry {
  const base = {
    eventId: event.eventId,
    eventType: event.type,
    country: event.country,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    classification: event.classification,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    data: event.data,
  };
  if (event.type === ENVOY_MEETING_HELD) {
    const meeting = event.data as EnvoyMeetingHeldData;
    const counterpartOrgs = [...new Set(meeting.counterparts.map((p) => p.organisation))];
    return {
      ...base,
      headline: `Envoy meeting in ${meeting.location} with ${counterpartOrgs.join(', ')}`,
      topics: [...meeting.topics, ...meeting.concerns],
      vendors: [...meeting.vendorsDiscussed],
      participants: [...names(meeting.envoys), ...names(meeting.counterparts)],
    };
  }
  return { ...base, headline: event.type, topics: [], vendors: [], participants: [] };
}
