import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestValidationException } from './validation.js';

/**
 * How deeply a JSON body may nest. The deepest request the API takes (a correction of a participant list,
 * `changes.envoys[0].name`) nests four levels; anything near this limit is not a request of this API, and code
 * that walks a body recursively (the idempotency hash, class-transformer) would overflow the stack on
 * thousands of levels, which a body under the size limit can hold.
 */
export const MAX_JSON_DEPTH = 32;

/** The path of the first value nested deeper than `max`, or undefined. Walks without recursion. */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    if (next.depth >= max) return next.path;
    for (const [key, child] of Object.entries(next.value)) {
      const path = Array.isArray(next.value)
        ? `${next.path}[${key}]`
        : next.path === ''
          ? key
          : `${next.path}.${key}`;
      stack.push({ value: child, path, depth: next.depth + 1 });
    }
  }
  return undefined;
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Fastify's own JSON body parser (prototype poisoning refused), then a bound on nesting, before any interceptor,
 * pipe or handler sees the body. Refused with 400 naming the field where the limit is crossed.
 */
export function jsonBodyParser(instance: FastifyInstance) {
  const parse = instance.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: Buffer, done: Done): void => {
    parse(request, body.toString('utf8'), (error, parsed) => {
      if (error) return done(error);
      const path = tooDeep(parsed);
      if (path === undefined) return done(null, parsed);
      done(
        new RequestValidationException([
          { field: path || 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` },
        ]),
      );
    });
  };
}

/** Installs the parser for `application/json` (the only body type the API takes), within the body limit. */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const instance = app.getHttpAdapter().getInstance();
  app.useBodyParser('application/json', { bodyLimit }, jsonBodyParser(instance));
}

/** The media types POST /v1/imports takes, handed over as the request's stream (never read whole into memory). */
export const IMPORT_MEDIA_TYPES = ['application/x-ndjson', 'text/csv'] as const;

/**
 * The bulk import's bodies stream into the import as they arrive; on any other route these media types are
 * refused with 415 like every other non-JSON body.
 */
export function useImportStreamParser(app: NestFastifyApplication, importPath: string): void {
  const instance = app.getHttpAdapter().getInstance();
  instance.addContentTypeParser([...IMPORT_MEDIA_TYPES], (request, payload, done) => {
    if (request.routeOptions.url !== importPath || request.method !== 'POST') {
      const error = Object.assign(new Error(`Unsupported Media Type: ${request.headers['content-type']}`), {
        statusCode: 415,
        code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
      });
      return done(error);
    }
    done(null, payload);
  });
}
