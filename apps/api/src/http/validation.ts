import { BadRequestException, type ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from './problem.js';

/** Flattens nested class-validator errors into one entry per field path, e.g. `envoys[0].name`. */
export function toFieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const field =
      parent === ''
        ? error.property
        : isIndex
          ? `${parent}[${error.property}]`
          : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** Thrown for any request whose parameters, query or body do not validate. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('The request is not valid.');
  }
}

/** Strict validation: unknown fields are errors, values are converted to DTO types. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationException(toFieldErrors(errors)),
  });
}
