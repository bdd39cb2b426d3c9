import 'reflect-metadata';
import { createServer, type RequestListener, type Server } from 'node:http';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '#config';
import { AppModule } from './app.module.js';
import { AccessRefusals } from './auth/access-refusals.js';
import { assertProductionKey, TOKEN_VERIFIER, type TokenVerifier } from './auth/token-verifier.js';
import { useAuthentication } from './http/authentication.js';
import { EDGE_ERROR_HANDLERS } from './http/edge-errors.js';
import { serveEventContract } from './http/event-contract.js';
import { limitPerAddress, limitPerSubject, useSecurityHeaders } from './http/hardening.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { IMPORT_MEDIA_TYPES, useImportStreamParser, useJsonBodyParser } from './http/json-body.js';
import { serveApiDocuments } from './http/openapi/api-documents.js';
import { PROBLEM_CONTENT_TYPE } from './http/problem.js';
import { toProblem } from './http/problem-details.filter.js';
import { registerSignIn } from './http/sign-in-options.js';
import { strictValidationPipe } from './http/validation.js';
import { serveWebApp } from './http/web-app.js';
import { IMPORT_PATH } from './imports/imports.http.controller.js';
import { EntryStore } from './shared/entry-store.js';

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/;

function hasBody(method: string, headers: Record<string, unknown>): boolean {
  const length = Number(headers['content-length'] ?? 0);
  return ['POST', 'PUT', 'PATCH'].includes(method) && (length > 0 || 'transfer-encoding' in headers);
}

const OVERLOADED = JSON.stringify({
  type: 'about:blank',
  title: 'Service Unavailable',
  status: 503,
  code: 'TOO_MANY_CONNECTIONS',
  detail: 'The server holds as many connections as it takes; retry shortly.',
});

/**
 * Connections beyond the cap get a 503 problem and are closed before any request is read, so slow or stalled
 * clients cannot hold every socket.
 */
function capConnections(server: Server, max: number): void {
  let open = 0;
  server.on('connection', (socket) => {
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
    if (open <= max) return;
    socket.end(
      'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n' +
        `Connection: close\r\nContent-Length: ${Buffer.byteLength(OVERLOADED)}\r\n\r\n${OVERLOADED}`,
    );
  });
}

/** Builds the HTTP app without listening, so tests can inject requests into the very same wiring. */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const { http } = config;
  assertProductionKey(config);
  const adapter = new FastifyAdapter({
    bodyLimit: http.bodyLimitBytes,
    // Node's and the router's own refusals (oversized headers, a malformed URL) as problem+json too.
    ...EDGE_ERROR_HANDLERS,
    serverFactory: (handler: RequestListener) => {
      const server = createServer(
        {
          headersTimeout: http.headersTimeoutMs,
          requestTimeout: http.requestTimeoutMs,
          keepAliveTimeout: http.keepAliveTimeoutMs,
          // Deadlines are enforced when Node checks them (30 s apart by default): check often.
          connectionsCheckingInterval: Math.min(1_000, http.headersTimeoutMs),
        },
        handler,
      );
      // Backstop for a silent socket; the deadlines above answer 408 first.
      server.setTimeout(2 * http.requestTimeoutMs);
      capConnections(server, http.maxConnections);
      return server;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    logger: options.logger === false ? ['error', 'fatal'] : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  useJsonBodyParser(app, http.bodyLimitBytes);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalInterceptors(new IdempotencyInterceptor(app.get(EntryStore)));
  const fastify = app.getHttpAdapter().getInstance();
  // In this order, before any body is read: per-address limit, the token, per-subject limit, media type.
  await useSecurityHeaders(fastify, config);
  limitPerAddress(fastify, config);
  useAuthentication(fastify, app.get<TokenVerifier>(TOKEN_VERIFIER), app.get(AccessRefusals));
  limitPerSubject(fastify, config);
  // Only JSON bodies are accepted (Nest's Fastify adapter would otherwise parse forms too), except the bulk
  // import's NDJSON and CSV, streamed into it.
  useImportStreamParser(app, IMPORT_PATH);
  fastify.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request.method, request.headers)) return;
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    const importing = request.method === 'POST' && request.routeOptions.url === IMPORT_PATH;
    const wanted = importing ? IMPORT_MEDIA_TYPES.join(' or ') : 'application/json';
    if (
      importing
        ? !IMPORT_MEDIA_TYPES.some((t) => type.split(';')[0]?.trim() === t)
        : !JSON_MEDIA_TYPE.test(type)
    ) {
      const { problem } = toProblem(
        {
          statusCode: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `Send ${wanted}, not "${type.slice(0, 80)}"`,
        },
        request.url,
      );
      return reply.status(415).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    }
  });
  // Public: the web app's files, its sign-in options and, with the development key, its demo sign-in.
  await registerSignIn(fastify, config.auth);
  // Public: the event contract (schemas behind each ce_dataschema, the AsyncAPI document and its page).
  serveEventContract(fastify, config);
  await serveWebApp(fastify, (message) => new NestLogger('WebApp').warn(message));
  // Public: /openapi.json and its page at /docs, built from the routes registered above.
  await serveApiDocuments(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
