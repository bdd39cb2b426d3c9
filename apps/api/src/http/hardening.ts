import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { AppConfig } from '#config';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem.js';

const MINUTE_MS = 60_000;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Answers 429 problem+json with Retry-After once `limiter` says the caller is over its limit, and tells callers
 * within it how much is left (the tighter of the two limits wins the headers).
 *
 * Each limit is its own hook around `createRateLimit`, not the plugin's `rateLimit()` hook: that hook runs once per
 * request whichever of its instances comes first (it marks the request), so a per-subject limit behind the
 * per-address one never counted anything.
 */
function limitWith(app: FastifyInstance, limiter: Limiter, scope: string): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = await limiter(request);
    if (limit.isAllowed) return;
    const shown = Number(reply.getHeader('x-ratelimit-remaining') ?? Number.POSITIVE_INFINITY);
    if (limit.remaining <= shown) {
      reply
        .header('x-ratelimit-limit', limit.max)
        .header('x-ratelimit-remaining', limit.remaining)
        .header('x-ratelimit-reset', limit.ttlInSeconds);
    }
    if (!limit.isExceeded) return;
    return reply
      .status(429)
      .header('retry-after', limit.ttlInSeconds)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({
        type: problemType('rate-limited'),
        title: 'Too Many Requests',
        status: 429,
        code: 'RATE_LIMITED',
        detail: `More than ${limit.max} requests a minute ${scope}; retry in ${limit.ttlInSeconds} s.`,
        instance: request.url,
      });
  });
}

/**
 * Security headers (helmet: its default CSP, `default-src 'self'`), CORS closed unless origins are configured.
 * With an OIDC provider, the web app fetches its discovery document and exchanges the code at its token endpoint,
 * so the CSP's connect-src adds the provider's origin (its endpoints are expected on the issuer's origin).
 * Helmet's middleware is built once and run on every request; the Fastify plugin built it anew for each request,
 * parsing the CSP each time (4 % of the API's CPU under ingest).
 */
export async function useSecurityHeaders(app: FastifyInstance, config: AppConfig): Promise<void> {
  const oidc = config.auth.oidc;
  const securityHeaders = helmet(
    oidc
      ? { contentSecurityPolicy: { directives: { connectSrc: ["'self'", new URL(oidc.issuer).origin] } } }
      : {},
  );
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
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
  const limiter = app.createRateLimit({
    max: config.rateLimit.perIpPerMinute,
    timeWindow: MINUTE_MS,
  });
  limitWith(app, limiter, 'from this address');
}

/** Per signed-in subject (after authentication), however many addresses it calls from. */
export function limitPerSubject(app: FastifyInstance, config: AppConfig): void {
  const limiter = app.createRateLimit({
    max: config.rateLimit.perSubjectPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => `sub:${request.principal?.subject ?? ''}`,
    allowList: (request) => request.principal === undefined,
  });
  limitWith(app, limiter, 'for this caller');
}
