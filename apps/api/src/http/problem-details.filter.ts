import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '#domain';
import { isTransientDatabaseError } from '#event-store';
import { IdempotencyKeyReusedError, StaleVersionError } from '../shared/errors.js';
import { PROBLEM_CONTENT_TYPE, type Problem, problemType } from './problem.js';
import { RequestValidationException } from './validation.js';

const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  conflict: HttpStatus.CONFLICT,
  'not-found': HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
};

/** Fastify's own refusals (body parsing, size, media type) keep their status but get a problem body. */
interface FastifyError {
  code?: string;
  statusCode?: number;
  message: string;
}

function kebab(code: string): string {
  return code.toLowerCase().replace(/_/g, '-');
}

/** Maps every error to RFC 7807 problem+json; unexpected ones are logged and answered without internals. */
export function toProblem(error: unknown, instance: string): { problem: Problem; unexpected: boolean } {
  if (error instanceof RequestValidationException) {
    return {
      unexpected: false,
      problem: {
        type: problemType('validation-failed'),
        title: 'Request validation failed',
        status: 400,
        detail: `${error.fieldErrors.length} field(s) are invalid.`,
        instance,
        errors: error.fieldErrors,
      },
    };
  }
  if (error instanceof StaleVersionError) {
    return {
      unexpected: false,
      problem: {
        type: problemType('stale-version'),
        title: error.message,
        status: 412,
        code: 'STALE_VERSION',
        instance,
        currentVersion: error.currentVersion,
        expectedVersion: error.expectedVersion,
      },
    };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return {
      unexpected: false,
      problem: {
        type: problemType('idempotency-key-reused'),
        title: error.message,
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
        instance,
        idempotencyKey: error.key,
      },
    };
  }
  if (error instanceof DomainError) {
    return {
      unexpected: false,
      problem: {
        type: problemType(kebab(error.code)),
        title: error.message,
        status: DOMAIN_STATUS[error.kind],
        code: error.code,
        instance,
        ...error.details,
      },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return {
      unexpected: status >= 500,
      problem: {
        type: status === 404 ? problemType('not-found') : 'about:blank',
        title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail ?? error.message),
        instance,
      },
    };
  }
  const fastify = error as FastifyError;
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return {
      unexpected: false,
      problem: {
        type: problemType(kebab(fastify.code ?? 'bad-request')),
        title: HttpStatus[fastify.statusCode]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
        status: fastify.statusCode,
        detail: fastify.message,
        code: fastify.code,
        instance,
      },
    };
  }
  if ((error as { code?: unknown } | null)?.code === '57014') {
    // A read's statement ran past READ_STATEMENT_TIMEOUT_MS and Postgres cancelled it: reads are bounded so
    // that none holds the connections others need.
    return {
      unexpected: false,
      problem: {
        type: problemType('read-timeout'),
        title:
          'The read took too long and was stopped; narrow it (a smaller page, a shorter range) or retry.',
        status: 503,
        instance,
      },
    };
  }
  if (isTransientDatabaseError(error)) {
    // Nothing was written; the same request (with its Idempotency-Key) can simply be sent again.
    return {
      unexpected: true,
      problem: {
        type: problemType('database-unavailable'),
        title: 'The database is unavailable; retry shortly.',
        status: 503,
        instance,
      },
    };
  }
  return {
    unexpected: true,
    problem: { type: 'about:blank', title: 'Internal Server Error', status: 500, instance },
  };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, unexpected } = toProblem(error, request.url);
    if (unexpected) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (problem.status === 503) void reply.header('retry-after', '1');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
