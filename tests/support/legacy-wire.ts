import type { RecordedEvent } from '#domain';
import type { WireMessage } from '#messaging';

/**
 * A record as builds before CloudEvents binary mode wrote it: the whole envelope as the value, `ce_time` the
 * recorded time, `ce_subject` the country and demarche_* headers. Topics written then still hold such records
 * (retention is forever), so every reader must keep reading them.
 */
export function legacyWireMessage(event: RecordedEvent, key: string): WireMessage {
  return {
    key,
    value: JSON.stringify(event),
    headers: {
      ce_id: event.eventId,
      ce_type: event.type,
      ce_source: `/demarche/streams/${event.streamId}`,
      ce_specversion: '1.0',
      ce_time: event.recordedAt,
      ce_subject: event.country,
      'content-type': 'application/json',
      demarche_schemaversion: String(event.schemaVersion),
      demarche_streamid: event.streamId,
      demarche_streamversion: String(event.streamVersion),
      demarche_globalposition: event.globalPosition,
    },
  };
}
