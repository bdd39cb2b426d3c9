import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Where `npm run build:web` (vite build) puts the web app, relative to the repository root; WEB_APP_DIR serves a
 * build from elsewhere (a second build side by side, say).
 */
export const WEB_APP_DIR = process.env.WEB_APP_DIR ?? join(process.cwd(), 'dist', 'web');

/**
 * The web app's own pages (its routes in apps/web/src/App.tsx) besides `/`: each answers index.html, so that a
 * reload or a shared link lands in the app, which routes it. Listed rather than a catch-all: a catch-all route would
 * also match every unknown API path, and take from the router the answers it gives there (a 414 for an overlong
 * path segment); any other path stays a 404 problem.
 */
export const APP_PAGES = ['/sign-in', '/auth/callback', '/countries/*', '/entries/*', '/search'] as const;

/**
 * Serves the built web app at `/` from `dist/web`, so the API and the app share one origin (no CORS, the CSP's
 * 'self' covers its scripts and styles), and the app's pages (APP_PAGES) answer its index.html. Hashed assets are
 * cached for good, index.html never. Without a build the API runs as before and says so.
 */
export async function serveWebApp(
  app: FastifyInstance,
  log: (message: string) => void,
  root: string = WEB_APP_DIR,
): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    log(`The web app is not built (no ${root}/index.html): run npm run build:web; serving the API only.`);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    // One route per file found now, no catch-all (see APP_PAGES).
    wildcard: false,
    index: ['index.html'],
    setHeaders(response, path) {
      response.header(
        'cache-control',
        path.includes(`${join(root, 'assets')}/`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  for (const page of APP_PAGES) {
    app.get(page, (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
}
