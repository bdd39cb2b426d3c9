import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  type ValidationError,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A request refused field by field: 400 with each field's messages. */
export class FieldsInvalid extends BadRequestException {
  constructor(readonly fields: readonly { field: string; message: string }[]) {
    super('Request validation failed');
  }
}

/** ValidationPipe's exceptionFactory: every constraint of every field, named by its path. */
export function fieldsInvalid(errors: ValidationError[], parent = ''): FieldsInvalid {
  const fields: { field: string; message: string }[] = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const error of list) {
      const field = prefix ? `${prefix}.${error.property}` : error.property;
      for (const message of Object.values(error.constraints ?? {})) fields.push({ field, message });
      walk(error.children ?? [], field);
    }
  };
  walk(errors, parent);
  return new FieldsInvalid(fields);
}

/** Every error as RFC 7807 problem+json; an unexpected one is logged and answered without internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const instance = request.url;
    let body: Record<string, unknown>;
    if (error instanceof FieldsInvalid) {
      body = {
        type: 'urn:demarche:problem:validation-failed',
        title: 'Request validation failed',
        status: 400,
        detail: `${error.fields.length} field(s) are invalid.`,
        errors: error.fields,
      };
    } else if (error instanceof HttpException) {
      const status = error.getStatus();
      body = {
        type: `urn:demarche:problem:http-${status}`,
        title: error.message,
        status,
      };
    } else {
      const status = (error as { statusCode?: number }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        body = { type: `urn:demarche:problem:http-${status}`, title: (error as Error).message, status };
      } else {
        this.log.error({ msg: 'unexpected error', error: `${(error as Error)?.stack ?? error}` });
        body = { type: 'urn:demarche:problem:internal', title: 'Internal error', status: 500 };
      }
    }
    void reply
      .status(body.status as number)
      .header('content-type', 'application/problem+json')
      .send(JSON.stringify({ ...body, instance }));
  }
}
