// The one payload every scenario writes: an envoy meeting as the README's example records it.
import { randomUUID } from 'node:crypto';

export const COUNTRY = 'SY';

/** The body of POST /v1/countries/{c}/meetings. */
export const MEETING_BODY = {
  occurredAt: '2026-02-09T10:00:00Z',
  location: 'Damascus',
  envoys: [{ name: 'A. Envoy', title: 'Special Envoy', organisation: 'Department of State' }],
  counterparts: [{ name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' }],
  topics: ['telecom reform'],
  concerns: ['network-vulnerability'],
  vendorsDiscussed: ['Huawei'],
  summary: 'Synthetic example.',
  outcome: 'Open to a technical review.',
  nextSteps: ['Share a roadmap'],
};

/** The EnvoyMeetingHeld event that body becomes (libs/domain), with fresh ids. */
export function meetingEvent(country = COUNTRY) {
  const meetingId = randomUUID();
  const { occurredAt, ...rest } = MEETING_BODY;
  return {
    eventId: randomUUID(),
    type: 'EnvoyMeetingHeld',
    schemaVersion: 1,
    country,
    occurredAt,
    classification: 'unclassified',
    source: null,
    confidence: null,
    data: { meetingId, ...rest },
  };
}

export function metadata() {
  return { recordedAt: new Date(), recordedBy: 'bench', correlationId: randomUUID(), causationId: null };
}
