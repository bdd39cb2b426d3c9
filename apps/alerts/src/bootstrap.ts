import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AlertsModule } from './alerts.module.js';
import type { AlertsConfig } from './config.js';

/** Starts the alerts service: reading its topics, sending webhooks, and serving GET /v1/alerts. */
export async function startAlerts(config: AlertsConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AlertsModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: 64 * 1024 }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.http.port, config.http.host);
  return app;
}
