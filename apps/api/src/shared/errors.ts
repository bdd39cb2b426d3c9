/** The caller's If-Match names a version the stream has moved past. */
export class StaleVersionError extends Error {
  constructor(
    readonly currentVersion: number,
    readonly expectedVersion: number,
  ) {
    super(`The entry is at version ${currentVersion}, not ${expectedVersion}; reload it and try again.`);
  }
}

/** An Idempotency-Key reused for a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super('This Idempotency-Key was already used for a different request.');
  }
}
