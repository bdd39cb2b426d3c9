import { CLASSIFICATIONS, type Classification, classificationRank, type RecordedEvent } from '#domain';

/**
 * The rank (0 unclassified … 3 secret) of a level, as read-model rows store it so readers are scoped by
 * `classification_rank <= $rank` in SQL. A name that is no level stops the projection (the stream is parked)
 * rather than store a rank of -1, which every reader would see.
 */
export function rankOf(level: string): number {
  if (!(CLASSIFICATIONS as readonly string[]).includes(level)) {
    throw new Error(`classification "${level}" is no level`);
  }
  return classificationRank(level as Classification);
}

/**
 * The rank an entry's register or ledger rows are stored with: the highest level of the entry's events so far.
 * Transitions and corrections carry the entry's level (a correction never lowers it), so in practice they are all
 * equal; taking the highest keeps a row from ever reading as less classified than anything folded into it.
 */
export function entryRank(history: readonly Pick<RecordedEvent, 'classification'>[]): number {
  return history.reduce((highest, event) => Math.max(highest, rankOf(event.classification)), 0);
}
