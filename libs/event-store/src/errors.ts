import { IllegalStateError } from '#domain';

/** The stream moved on since it was read: the caller decided on stale state. */
export class StreamVersionConflictError extends IllegalStateError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      'STREAM_VERSION_CONFLICT',
      `Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}.`,
      { streamId, expectedVersion, currentVersion: actualVersion },
    );
  }
}
