import type pg from 'pg';
import type { RecordedEvent } from '#domain';

/**
 * A read model fed by events. `apply` runs inside the runner's transaction and must not commit; `history` is
 * the raw history of the event's stream up to and including the event (corrections included).
 */
export interface Projection {
  readonly name: string;
  apply(client: pg.ClientBase, event: RecordedEvent, history: readonly RecordedEvent[]): Promise<void>;
}
