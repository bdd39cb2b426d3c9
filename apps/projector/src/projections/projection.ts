import type pg from 'pg';
import type { RecordedEvent } from '#domain';

/** A read model fed by events; apply runs inside the runner's transaction and must not commit. */
export interface Projection {
  readonly name: string;
  apply(client: pg.ClientBase, event: RecordedEvent): Promise<void>;
}
