import type { FastifyReply } from 'fastify';
import type { EntryRecorded } from './entry-store.js';

/** 201 with where to read the entry and the stream version to send back as If-Match. */
export function replyRecorded<T extends EntryRecorded>(reply: FastifyReply, recorded: T): T {
  void reply
    .status(201)
    .header('location', `/v1/entries/${recorded.eventId}`)
    .header('etag', `"${recorded.streamVersion}"`);
  return recorded;
}
