import type { ResponseObject, SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';

/**
 * The problem+json body every error of this API has (`Problem` in ../problem.ts, as the filter, the edge handlers,
 * the authentication hook and the rate limiter write it): RFC 7807's members, our stable `code`, one `errors[]`
 * entry per bad field of a 400, and members of its own for some codes (`currentVersion` of a 412, `currentState`
 * of a 409…), hence open to more properties.
 */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'RFC 7807 problem details. `code` is stable (e.g. STALE_VERSION, OFFER_EXPIRED); `errors` lists each bad ' +
    'field of a 400. Some codes add members of their own (`currentVersion` and `expectedVersion` on 412, ' +
    '`currentState` on 409, `idempotencyKey` on 422 IDEMPOTENCY_KEY_REUSED).',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'A stable URN (urn:demarche:problem:…) or about:blank.' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path.' },
    code: { type: 'string', description: 'A stable machine-readable code.' },
    errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
  },
  additionalProperties: true,
};

export const FIELD_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['field', 'message'],
  properties: {
    field: { type: 'string', description: 'The field path, e.g. envoys[0].title, or a header name.' },
    message: { type: 'string' },
  },
  additionalProperties: false,
};

/** What each status means for this API, as the operations' problem responses say it. */
const MEANING: Record<number, string> = {
  400: 'The request is not valid: `errors` names each bad field (body, query, path value or header).',
  401: 'No bearer token, or one that does not verify (see WWW-Authenticate).',
  403: 'The role, countries or clearance of the token do not allow this.',
  404: 'No such entry (or one the caller may not see).',
  409: 'An illegal transition for the entry in its current state (`currentState`), or a lost race.',
  412: 'If-Match names a version the entry has moved past (`currentVersion`).',
  413: 'The body is over the size limit.',
  415: 'The body is not JSON.',
  422: 'A business rule refused it (`code` says which), or the Idempotency-Key was used for another request.',
  429: 'Over the rate limit; retry after Retry-After seconds.',
  503: 'The database or the identity provider is unavailable; retry after Retry-After seconds.',
};

const RETRY_AFTER = {
  description: 'Seconds to wait before retrying.',
  schema: { type: 'integer', minimum: 0 },
} as const;

/** The problem+json response for a status, with the headers that status carries. */
export function problemResponse(status: number): ResponseObject {
  return {
    description: MEANING[status] ?? 'A problem.',
    ...(status === 429 || status === 503 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
    ...(status === 401
      ? {
          headers: {
            'WWW-Authenticate': {
              description: 'A Bearer challenge (RFC 6750).',
              schema: { type: 'string' },
            },
          },
        }
      : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

/** What an operation takes and guards, which decides the problems it can answer. */
export interface OperationTraits {
  readonly isPublic: boolean;
  readonly hasBody: boolean;
  readonly hasInput: boolean;
  readonly isCommand: boolean;
  /** Reads one entry by id: 404 for an unknown one. */
  readonly readsEntry: boolean;
}

/** Every problem status an operation can answer, given what it takes and guards. */
export function problemStatuses(traits: OperationTraits): number[] {
  const statuses = new Set<number>([429]);
  if (traits.hasInput) statuses.add(400);
  if (!traits.isPublic) {
    statuses.add(401).add(403).add(503);
  }
  if (traits.hasBody) statuses.add(413).add(415);
  if (traits.isCommand) {
    // Every command validates its Idempotency-Key and If-Match headers, may name an entry that does not exist (its
    // own or one it refers to), and is decided against a stream's state: 409 and 412 for that state.
    statuses.add(400).add(404).add(409).add(412).add(422);
  }
  if (traits.readsEntry) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}
