import { randomUUID } from 'node:crypto';
import type { PostgresEventStore } from '#event-store';

/**
 * Appends one CompetingOfferObserved straight to the event store (and so to the outbox), as a new stream in
 * `country`, with `note` as its summary: a way to put a row of a chosen size on the relay's path. Returns the
 * event's global position.
 */
export async function appendObservation(
  store: PostgresEventStore,
  country: string,
  note: string,
): Promise<string> {
  const result = await store.appendToStream(
    `observation-${randomUUID()}`,
    [
      {
        eventId: randomUUID(),
        type: 'CompetingOfferObserved',
        schemaVersion: 1,
        country,
        occurredAt: '2026-01-01T00:00:00.000Z',
        classification: 'unclassified',
        source: null,
        confidence: null,
        data: {
          observationId: randomUUID(),
          rival: { kind: 'vendor', name: 'Synthetic rival' },
          vendorsInvolved: [],
          financing: null,
          amount: null,
          bundle: [],
          summary: note,
        },
      },
    ],
    {
      expectedVersion: 0,
      category: 'observation',
      metadata: {
        recordedAt: new Date(),
        recordedBy: 'test',
        correlationId: randomUUID(),
        causationId: null,
      },
    },
  );
  return result.events[0]?.globalPosition as string;
}

/** A new CountryResponseObserved event (not yet appended), with a fresh event id. */
export function responseObserved({
  country = 'SY',
  observationId = randomUUID(),
  summary = 'Synthetic.',
}: {
  country?: string;
  observationId?: string;
  summary?: string;
} = {}) {
  return {
    eventId: randomUUID(),
    type: 'CountryResponseObserved',
    schemaVersion: 1,
    country,
    occurredAt: '2026-01-01T00:00:00.000Z',
    classification: 'unclassified' as const,
    source: null,
    confidence: null,
    data: {
      observationId,
      stance: 'neutral',
      speaker: { name: 'S', title: 'T', organisation: 'O' },
      quote: null,
      channel: 'media',
      topics: [],
      vendorsMentioned: [],
      summary,
    },
  };
}
