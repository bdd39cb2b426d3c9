import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '#config';
import { ProjectionRunnerService } from './projection-runner.service.js';
import { ProjectorModule } from './projector.module.js';

/** Starts the projector: from here on it consumes Kafka into the read models until closed. */
export async function startProjector(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(ProjectionRunnerService).start();
  return app;
}
