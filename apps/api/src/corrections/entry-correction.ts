import {
  applyCorrections,
  assertDueNotBeforeSource,
  type CommandMetadata,
  CommandRejectedError,
  type CorrectionCommand,
  checkCorrectedHistory,
  decideCorrection,
  FOLLOW_UP_ASSIGNED,
  type FollowUpAssigned,
  NotFoundError,
  type Principal,
  resolveCorrections,
  streamCategory,
  withProposed,
} from '#domain';
import type { RequestContext } from '../http/request-context.js';
import type { EntryRecorded, EntryStore } from '../shared/entry-store.js';
import { assertCorrectedValues, recordedChanges } from './correction-values.js';

/**
 * Appends a correction or retraction to the stream of the event it targets, decided against that stream's raw
 * history (earlier corrections included), and only if the history it leaves keeps every rule: each corrected
 * value passes the rules of the command that created the entry (400), the stream's decider accepts every event
 * of the corrected history replayed in order, and the projections can take it (422). Nothing is written
 * otherwise. The entry id answered is the target's event id.
 */
export async function recordCorrection(
  entries: EntryStore,
  targetEventId: string,
  context: RequestContext,
  command: (metadata: CommandMetadata) => CorrectionCommand,
): Promise<EntryRecorded> {
  const streamId = await entries.streamOfEvent(targetEventId);
  if (!streamId) throw new NotFoundError('ENTRY_NOT_FOUND', 'No such entry.', { eventId: targetEventId });
  const category = streamCategory(streamId);
  if (!category) {
    throw new CommandRejectedError(
      'UNCORRECTABLE_STREAM',
      `This version cannot check entries of ${streamId}.`,
    );
  }
  return entries.appendDecided(
    streamId,
    category,
    context,
    undefined,
    async (metadata) => {
      const history = await entries.readStream(streamId, context.actor);
      const asked = command(metadata);
      let events = decideCorrection(asked, history);
      if (asked.type === 'CorrectEntry') {
        const proposed = withProposed(history, events, metadata);
        const target = resolveCorrections(proposed).find((e) => e.eventId === targetEventId);
        if (target) {
          await assertCorrectedValues(target, asked.changes);
          // Checked as the API takes them (decimal amounts); recorded as the event holds them (minor units).
          events = decideCorrection(
            { ...asked, changes: recordedChanges(target.type, asked.changes) },
            history,
          );
        }
      }
      const corrected = withProposed(history, events, metadata);
      checkCorrectedHistory(category, corrected);
      if (category === 'follow-up') await checkDueDate(entries, corrected, context.actor);
      return { version: history.at(-1)?.streamVersion ?? 0, events };
    },
    targetEventId,
  );
}

/** A follow-up's corrected due date still may not fall before the engagement it follows (a cross-entry rule). */
async function checkDueDate(
  entries: EntryStore,
  corrected: Parameters<typeof applyCorrections>[0],
  actor: Principal,
) {
  const assigned = applyCorrections(corrected).find((e) => e.type === FOLLOW_UP_ASSIGNED) as
    | (FollowUpAssigned & { readonly eventId: string })
    | undefined;
  if (!assigned) return;
  const { sourceEventId, sourceStreamId, dueDate } = assigned.data;
  // The source as it now reads (even if retracted since: the follow-up stays correctable).
  const source = resolveCorrections(await entries.readStream(sourceStreamId, actor)).find(
    (e) => e.eventId === sourceEventId,
  );
  if (source) assertDueNotBeforeSource(dueDate, source.occurredAt);
}
