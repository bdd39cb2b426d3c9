import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#config';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { startProjector } from '../../apps/projector/src/bootstrap.js';
import { startRelay } from '../../apps/relay/src/bootstrap.js';
import { signInjectedRequests } from './auth.js';

export interface RunningApps {
  readonly api: NestFastifyApplication;
  readonly relay?: INestApplicationContext;
  readonly projector?: INestApplicationContext;
  close(): Promise<void>;
}

/** The API (driven with Fastify inject) and, optionally, relay and projector, all in this process. */
export async function startApps(config: AppConfig, { pipeline = true } = {}): Promise<RunningApps> {
  const api = signInjectedRequests(await createApiApp(config, { logger: false }));
  await api.init();
  await api.getHttpAdapter().getInstance().ready();
  const relay = pipeline ? await startRelay(config) : undefined;
  const projector = pipeline ? await startProjector(config) : undefined;
  return {
    api,
    relay,
    projector,
    async close() {
      await Promise.all([api.close(), relay?.close(), projector?.close()]);
    },
  };
}
