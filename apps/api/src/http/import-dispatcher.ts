import { type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '#config';
import type { Principal } from '#domain';
import { AccessGuard } from '../auth/access.js';
import { AccessRefusals } from '../auth/access-refusals.js';
import { IMPORT_COMMANDS } from '../imports/import-commands.js';
import type { LineRequest } from '../imports/import-lines.js';
import type { LineAnswer, SendLine } from '../imports/import-run.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { EntryStore } from '../shared/entry-store.js';
import { jsonBodyParser } from './json-body.js';
import { toProblem } from './problem-details.filter.js';
import { requestContext } from './request-context.js';
import { RequestValidationException, strictValidationPipe, unstorableFields } from './validation.js';

/**
 * Records an import's lines in-process, each through the steps a request to its command's route takes, in the
 * same order and with the same code: the body parsed as the route's JSON parser parses it (size limit, prototype
 * poisoning, depth), the route's access rule (the guard itself), the idempotency lookup, the path parameter's
 * pipe, the body's validation pipe, the route's command on the command bus, and any refusal as the problem the
 * route would answer. What it leaves out is the HTTP edge the import request itself passed once: the token check
 * (the import runs as the caller its token named when it started), the rate limits and the security headers.
 * Leaving out the in-process HTTP round trip per line (request and reply objects, hooks, serialising) more than
 * halved what a line costs the API.
 */
@Injectable()
export class ImportLineDispatcher {
  private readonly log = new Logger('Imports');
  private readonly validation = strictValidationPipe();
  private readonly guard: AccessGuard;
  private parser?: ReturnType<typeof jsonBodyParser>;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly entries: EntryStore,
    private readonly adapterHost: HttpAdapterHost,
    reflector: Reflector,
    refusals: AccessRefusals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.guard = new AccessGuard(reflector, refusals);
  }

  /** Sends each line of an import run by `principal`, its run id as every line's correlation id. */
  sender(principal: Principal, importId: string): SendLine {
    return (line) => this.send(principal, importId, line);
  }

  private async send(principal: Principal, importId: string, line: LineRequest): Promise<LineAnswer> {
    const spec = IMPORT_COMMANDS[line.command];
    try {
      const body = await this.parse(JSON.stringify(line.body));
      const route = spec.path.replace(/\{(\w+)\}/g, ':$1');
      const name = spec.needs === 'country' ? 'country' : 'id';
      const params = line.param === undefined ? {} : { [name]: line.param };
      const request = {
        method: 'POST',
        url: line.path,
        headers: { 'idempotency-key': line.idempotencyKey, 'x-correlation-id': importId },
        principal,
        params,
        query: {},
        body,
        routeOptions: { url: route },
      } as unknown as FastifyRequest;
      this.guard.canActivate(routeContext(spec.route, request));
      const context = requestContext(request);
      const first = await this.entries.remembered(context);
      if (first) return { status: 201, body: first, replayed: true };
      let param = '';
      if (spec.needs !== 'nothing') {
        const raw = line.param ?? '';
        const unstorable = unstorableFields(raw, name, 'param');
        if (unstorable.length > 0) throw new RequestValidationException(unstorable);
        param = String(await spec.param?.transform(raw, { type: 'param', data: name }));
      }
      const dto = await this.validation.transform(body, { type: 'body', metatype: spec.dto });
      const recorded = await this.commandBus.execute(spec.command(param, dto, context));
      return { status: 201, body: recorded, replayed: false };
    } catch (error) {
      const { problem, unexpected } = toProblem(error, line.path);
      if (unexpected)
        this.log.error({ msg: 'an import line failed', importId, line: line.line, error: String(error) });
      return { status: problem.status, body: problem, replayed: false };
    }
  }

  /** The body as the route's JSON parser takes it: within the body limit, no prototype keys, not too deep. */
  private parse(text: string): Promise<unknown> {
    const limit = this.config.http.bodyLimitBytes;
    if (Buffer.byteLength(text) > limit)
      return Promise.reject(
        Object.assign(new Error(`Request body is too large (over ${limit} bytes)`), {
          statusCode: 413,
          code: 'FST_ERR_CTP_BODY_TOO_LARGE',
        }),
      );
    this.parser ??= jsonBodyParser(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
    const parse = this.parser;
    return new Promise((resolve, reject) =>
      parse({} as FastifyRequest, Buffer.from(text), (error, parsed) =>
        error ? reject(error) : resolve(parsed),
      ),
    );
  }
}

/** The execution context the access guard reads: the route's controller (its rule) and the request. */
function routeContext(route: object, request: FastifyRequest): ExecutionContext {
  const http = { getRequest: () => request, getResponse: () => undefined, getNext: () => undefined };
  return {
    getClass: () => route,
    // The rules are declared on the controllers; the handler is asked first, and has none of its own.
    getHandler: () => route,
    switchToHttp: () => http,
    getType: () => 'http',
    getArgs: () => [request],
    getArgByIndex: (index: number) => (index === 0 ? request : undefined),
    switchToRpc: () => {
      throw new Error('not an RPC context');
    },
    switchToWs: () => {
      throw new Error('not a WebSocket context');
    },
  } as unknown as ExecutionContext;
}
