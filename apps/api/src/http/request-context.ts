import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson, type Principal } from '#domain';
import './authentication.js';
import { RequestValidationException } from './validation.js';

/** Who is asking, which conversation the request belongs to, and its retry and concurrency guards. */
export interface RequestContext {
  /** The signed-in caller: what it may write and see. */
  readonly actor: Principal;
  /** The token's subject: every event names who recorded it, and idempotency keys are per subject. */
  readonly recordedBy: string;
  readonly correlationId: string;
  /** From `Idempotency-Key`: a retry with the same key and request gets the first response. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  /** From `If-Match`: the stream version the caller last saw; a stale one is refused with 412. */
  readonly ifMatch?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
/** An ETag this API issued: a quoted stream version, optionally weak. */
const ENTITY_TAG = /^(?:W\/)?"(\d{1,9})"$/;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * Who recorded a change is the subject of the verified token (no header or body names it); `X-Correlation-Id`
 * ties requests of one piece of work together and is generated when absent.
 */
export function requestContext(request: FastifyRequest): RequestContext {
  const actor = request.principal;
  // The authentication hook sets it for every /v1 route; a command route without it is a wiring fault.
  if (!actor) throw new Error('requestContext needs an authenticated request');
  const correlation = header(request, 'x-correlation-id');
  const key = header(request, 'idempotency-key');
  const ifMatch = header(request, 'if-match');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new RequestValidationException([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1–200 visible ASCII characters' },
    ]);
  }
  const version = ifMatch === undefined || ifMatch === '*' ? undefined : ENTITY_TAG.exec(ifMatch)?.[1];
  if (ifMatch !== undefined && ifMatch !== '*' && version === undefined) {
    throw new RequestValidationException([
      { field: 'If-Match', message: 'If-Match must be an ETag this API issued, such as "3"' },
    ]);
  }
  return {
    actor,
    recordedBy: actor.subject,
    correlationId: correlation && UUID.test(correlation) ? correlation : randomUUID(),
    ...(key === undefined
      ? {}
      : {
          idempotency: {
            key,
            requestHash: createHash('sha256')
              .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
              .digest('hex'),
          },
        }),
    ...(version === undefined ? {} : { ifMatch: Number(version) }),
  };
}
