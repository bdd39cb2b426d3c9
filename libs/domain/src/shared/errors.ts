/** An expected refusal with a stable code; the HTTP edge maps the kind to a status. */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'conflict' | 'not-found' | 'forbidden';
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command is well-formed but breaks a business rule. */
export class CommandRejectedError extends DomainError {
  readonly kind = 'invalid' as const;
}

/** The command does not fit the current state of the stream. */
export class IllegalStateError extends DomainError {
  readonly kind = 'conflict' as const;
}

/** The command targets something that was never recorded. */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}

/** The caller may not do this: a write outside its countries or above its clearance, or a role that may not. */
export class AccessDeniedError extends DomainError {
  readonly kind = 'forbidden' as const;
}
