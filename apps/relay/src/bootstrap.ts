import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '#config';
import { OutboxRelayService } from './outbox-relay.service.js';
import { RelayModule } from './relay.module.js';

/** Starts the relay: from here on it publishes the outbox until closed. */
export async function startRelay(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(RelayModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.get(OutboxRelayService).start();
  return app;
}
