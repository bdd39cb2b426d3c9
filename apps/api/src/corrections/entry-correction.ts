import {
  type CommandMetadata,
  type CorrectionCommand,
  decideCorrection,
  NotFoundError,
  streamCategory,
} from '#domain';
import type { RequestContext } from '../http/request-context.js';
import type { EntryRecorded, EntryStore } from '../shared/entry-store.js';

/**
 * Appends a correction or retraction to the stream of the event it targets, decided against that stream's raw
 * history (earlier corrections included). The entry id answered is the target's event id.
 */
export async function recordCorrection(
  entries: EntryStore,
  targetEventId: string,
  context: RequestContext,
  command: (metadata: CommandMetadata) => CorrectionCommand,
): Promise<EntryRecorded> {
  const streamId = await entries.streamOfEvent(targetEventId);
  if (!streamId) throw new NotFoundError('ENTRY_NOT_FOUND', 'No such entry.', { eventId: targetEventId });
  const category = streamCategory(streamId) ?? streamId.slice(0, streamId.indexOf('-'));
  return entries.appendDecided(
    streamId,
    category,
    context,
    undefined,
    async (metadata) => {
      const history = await entries.readStream(streamId);
      return {
        version: history.at(-1)?.streamVersion ?? 0,
        events: decideCorrection(command(metadata), history),
      };
    },
    targetEventId,
  );
}
