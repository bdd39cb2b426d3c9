import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { signInjectedRequests } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';

/** A route as Fastify registered it, e.g. `POST /v1/countries/:country/meetings`. */
export interface Route {
  readonly method: string;
  readonly url: string;
}

export interface PropertyApp {
  readonly db: TestDatabase;
  readonly api: NestFastifyApplication;
  /** Every route the app serves, read from Fastify as Nest registers them: a new route cannot be missed. */
  readonly routes: readonly Route[];
  close(): Promise<void>;
}

/**
 * The API alone (no relay, projector or scheduler, which would write while a property counts rows) on a fresh
 * database, driven with inject.
 */
export async function startPropertyApp(label: string): Promise<PropertyApp> {
  const db = await createTestDatabase();
  let api: NestFastifyApplication | undefined;
  try {
    api = signInjectedRequests(
      await createApiApp(
        testConfig({
          databaseUrl: db.url,
          topicPrefix: uniqueName(label),
          extra: { SCHEDULER_INTERVAL_MS: '0' },
        }),
        { logger: false },
      ),
    );
    const routes: Route[] = [];
    const fastify = api.getHttpAdapter().getInstance();
    fastify.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });
    await api.init();
    await fastify.ready();
    const app = api;
    return {
      db,
      api: app,
      routes,
      async close() {
        await app.close();
        await db.drop();
      },
    };
  } catch (error) {
    await api?.close();
    await db.drop();
    throw error;
  }
}

/** The routes of one method, as `:param` patterns, HEAD routes Fastify adds and the operational ones left out. */
export function apiRoutes(routes: readonly Route[], method: string): string[] {
  return [
    ...new Set(routes.filter((r) => r.method === method && r.url.startsWith('/v1/')).map((r) => r.url)),
  ].sort();
}
