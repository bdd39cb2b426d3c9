import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Requests the API sends itself, in-process (a bulk import sends each line through its command route): they carry
 * this header with a secret made at start and never sent out, so they pass the rate limits (the import itself was
 * counted once) while everything else — authentication, access, validation, idempotency — applies as to any other.
 */
export const INTERNAL_REQUEST_HEADER = 'x-demarche-internal';
const SECRET = randomBytes(24).toString('base64url');

/** The header an in-process request carries. */
export function internalRequestHeaders(): Record<string, string> {
  return { [INTERNAL_REQUEST_HEADER]: SECRET };
}

/** Whether the API sent this request to itself. */
export function isInternalRequest(request: FastifyRequest): boolean {
  const value = request.headers[INTERNAL_REQUEST_HEADER];
  if (typeof value !== 'string' || value.length !== SECRET.length) return false;
  return timingSafeEqual(Buffer.from(value), Buffer.from(SECRET));
}
