import {
  type ArgumentMetadata,
  BadRequestException,
  type ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { FieldError } from './problem.js';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

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

/** In a `u` regex a surrogate range matches only surrogates that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Text PostgreSQL cannot store: a NUL character (refused by `text` and `jsonb` alike) or an unpaired UTF-16
 * surrogate (a JSON body may spell one as `\ud800`; `jsonb` refuses it). Either would fail the write after every
 * rule had passed, so it is refused up front, in keys as in values, naming the field.
 */
function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (no unpaired surrogate)';
  return undefined;
}

/** One error per field whose value (or key) holds unstorable text; walks without recursion. */
export function unstorableFields(value: unknown, root: string, label = 'body'): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: root }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      const message = unstorableText(current);
      if (message) errors.push({ field: path || label, message: `${path || label} ${message}` });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = Array.isArray(current) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
        const message = unstorableText(key);
        if (message)
          errors.push({ field: path || label, message: `a field name in ${path || label} ${message}` });
        else stack.push({ value: child, path: childPath });
      }
    }
  }
  return errors;
}

/** The pipe of every route: unstorable text anywhere in a body, query or path value, then the DTO's rules. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const errors = unstorableFields(value, metadata.data ?? '', metadata.type);
      if (errors.length > 0) throw new RequestValidationException(errors);
    }
    return super.transform(value, metadata);
  }
}

/** Strict validation: unknown fields are errors, values are converted to DTO types. */
export function strictValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationException(toFieldErrors(errors)),
  });
}
