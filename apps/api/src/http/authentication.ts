import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '#domain';
import type { AccessRefusals } from '../auth/access-refusals.js';
import { type TokenRefusal, TokenRefusedError, type TokenVerifier } from '../auth/token-verifier.js';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller the bearer token names; set for every request under /v1 and /metrics. */
    principal?: Principal;
  }
}

/**
 * The record lives under /v1, the pipeline's figures under /metrics: both need a token. Health, the API and
 * event documents and the web app's static files are public.
 */
export function needsToken(url: string): boolean {
  return /^\/(v1|metrics)(\/|\?|$)/.test(url);
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

function challenge(reason: TokenRefusal, description: string): string {
  const safe = description.replace(/["\\]/g, '');
  return reason === 'missing_token'
    ? 'Bearer realm="demarche"'
    : `Bearer realm="demarche", error="invalid_token", error_description="${safe}"`;
}

/**
 * Authenticates every request that needs it before its body is read: the bearer token is verified and the
 * caller it names is set on the request; a missing or bad token is answered 401 problem+json with a
 * `WWW-Authenticate: Bearer` challenge (RFC 6750) and counted. Nothing of the token is echoed or logged.
 */
export function useAuthentication(
  app: FastifyInstance,
  verifier: TokenVerifier,
  refusals: AccessRefusals,
): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!needsToken(request.url)) return;
    const header = request.headers.authorization;
    try {
      if (header === undefined) throw new TokenRefusedError('missing_token', 'Send a bearer token.');
      const token = BEARER.exec(header.trim())?.[1];
      if (!token) throw new TokenRefusedError('malformed_token', 'Authorization must be "Bearer <JWT>".');
      request.principal = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof TokenRefusedError)) throw error;
      const route = request.routeOptions?.url ?? 'unknown';
      if (error.reason === 'key_set_unavailable') {
        // The identity provider's keys could not be fetched: the token may well be good, so not a 401.
        return reply
          .status(503)
          .header('retry-after', '5')
          .header('content-type', PROBLEM_CONTENT_TYPE)
          .send({
            type: problemType('key-set-unavailable'),
            title: 'Service Unavailable',
            status: 503,
            code: 'KEY_SET_UNAVAILABLE',
            detail: error.message,
            instance: request.url,
          });
      }
      refusals.refused(401, route, error.reason, undefined);
      return reply
        .status(401)
        .header('www-authenticate', challenge(error.reason, error.message))
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send({
          type: problemType('unauthenticated'),
          title: 'Unauthorized',
          status: 401,
          code: error.reason.toUpperCase(),
          detail: error.message,
          instance: request.url,
        });
    }
  });
}
