import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '#config';
import { problemType } from './problem.js';

const MINUTE_MS = 60_000;

function limited(scope: string) {
  return (_request: FastifyRequest, context: { after: string; max: number }) => ({
    statusCode: 429,
    code: 'RATE_LIMITED',
    type: problemType('rate-limited'),
    message: `More than ${context.max} requests a minute ${scope}; retry in ${context.after}.`,
  });
}

/** Security headers (helmet), CORS closed unless origins are configured. */
export async function useSecurityHeaders(app: FastifyInstance, config: AppConfig): Promise<void> {
  await app.register(helmet, { global: true });
  await app.register(cors, {
    origin: config.corsOrigins.length === 0 ? false : [...config.corsOrigins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'x-correlation-id'],
    exposedHeaders: ['etag', 'location', 'retry-after'],
  });
  await app.register(rateLimit, { global: false });
}

/** Per client address, before anything else is done for the request. */
export function limitPerAddress(app: FastifyInstance, config: AppConfig): void {
  app.addHook(
    'onRequest',
    app.rateLimit({
      max: config.rateLimit.perIpPerMinute,
      timeWindow: MINUTE_MS,
      errorResponseBuilder: limited('from this address'),
    }),
  );
}

/** Per signed-in subject (after authentication), however many addresses it calls from. */
export function limitPerSubject(app: FastifyInstance, config: AppConfig): void {
  app.addHook(
    'onRequest',
    app.rateLimit({
      max: config.rateLimit.perSubjectPerMinute,
      timeWindow: MINUTE_MS,
      keyGenerator: (request) => `sub:${request.principal?.subject ?? ''}`,
      allowList: (request) => request.principal === undefined,
      errorResponseBuilder: limited('for this caller'),
    }),
  );
}
