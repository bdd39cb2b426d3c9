import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Who is asking and which conversation the request belongs to. */
export interface RequestContext {
  readonly recordedBy: string;
  readonly correlationId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Until authentication lands, the officer names themself in `X-Officer`; `X-Correlation-Id` ties requests of one
 * piece of work together and is generated when absent.
 */
export function requestContext(request: FastifyRequest): RequestContext {
  const officer = request.headers['x-officer'];
  const correlation = request.headers['x-correlation-id'];
  return {
    recordedBy:
      typeof officer === 'string' && officer.trim() !== '' ? officer.trim().slice(0, 200) : 'anonymous',
    correlationId: typeof correlation === 'string' && UUID.test(correlation) ? correlation : randomUUID(),
  };
}
