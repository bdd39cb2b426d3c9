import type pg from 'pg';
import type { RecordedEvent } from '#domain';

/**
 * A read model fed by events. `apply` runs inside the runner's transaction and must not commit; `history` is
 * the raw history of the event's stream up to and including the event (corrections included).
 */
export interface Projection {
  readonly name: string;
  apply(client: pg.ClientBase, event: RecordedEvent, history: readonly RecordedEvent[]): Promise<void>;
  /**
   * Optional: applies events in order with the effect of `apply` on each, in fewer statements. The live projector
   * uses it for a chunk; a rebuild applies event by event, so a rebuild checks it.
   */
  applyMany?(client: pg.ClientBase, events: readonly Applicable[]): Promise<void>;
}

/** An event as the projections take it, with its stream's history up to it. */
export interface Applicable {
  readonly event: RecordedEvent;
  readonly history: readonly RecordedEvent[];
}

/** Applies `events` in order through `projection`: in one go where it can, else one by one. */
export async function applyAll(
  projection: Projection,
  client: pg.ClientBase,
  events: readonly Applicable[],
): Promise<void> {
  if (projection.applyMany) return projection.applyMany(client, events);
  for (const { event, history } of events) await projection.apply(client, event, history);
}
