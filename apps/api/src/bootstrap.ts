import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '#config';
import { AppModule } from './app.module.js';
import { PROBLEM_CONTENT_TYPE } from './http/problem.js';
import { toProblem } from './http/problem-details.filter.js';
import { strictValidationPipe } from './http/validation.js';

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/;

function hasBody(method: string, headers: Record<string, unknown>): boolean {
  const length = Number(headers['content-length'] ?? 0);
  return ['POST', 'PUT', 'PATCH'].includes(method) && (length > 0 || 'transfer-encoding' in headers);
}

/** Builds the HTTP app without listening, so tests can inject requests into the very same wiring. */
export async function createApiApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.http.bodyLimitBytes });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    logger: options.logger === false ? ['error', 'fatal'] : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.useGlobalPipes(strictValidationPipe());
  // Only JSON bodies are accepted; Nest's Fastify adapter would otherwise parse forms too.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      if (!hasBody(request.method, request.headers)) return;
      const type = String(request.headers['content-type'] ?? '').toLowerCase();
      if (!JSON_MEDIA_TYPE.test(type)) {
        const { problem } = toProblem(
          {
            statusCode: 415,
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: `Send application/json, not "${type.slice(0, 80)}"`,
          },
          request.url,
        );
        return reply.status(415).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
      }
    });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
