import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '#config';
import { registerDemoSignIn } from './demo-sign-in.js';

/** How the web app may sign someone in on this server (GET /auth/sign-in-options). */
export interface SignInOptions {
  /** Demo identities, with tokens minted by the development key (GET /auth/demo-identities). */
  readonly demo: boolean;
  /** An OpenID Connect provider, through the authorization code flow with PKCE; null: none configured. */
  readonly oidc: {
    /** The provider's name, for "Sign in with <name>". */
    readonly name: string;
    readonly issuer: string;
    readonly clientId: string;
    /** Space-separated. */
    readonly scopes: string;
    /** This API's resource indicator (RFC 8707), to send in the authorization and token requests; null: none. */
    readonly resource: string | null;
  } | null;
}

/** What GET /auth/sign-in-options answers for these settings. */
export function signInOptionsOf(auth: AppConfig['auth']): SignInOptions {
  const { oidc, devSigningKey } = auth;
  return {
    demo: devSigningKey !== undefined,
    oidc: oidc
      ? {
          name: oidc.name,
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          scopes: oidc.scopes,
          resource: oidc.resource ?? null,
        }
      : null,
  };
}

/**
 * The public sign-in routes: `GET /auth/sign-in-options` (what the web app's sign-in page offers: demo identities,
 * an OIDC provider, both or neither; nothing in it is secret, the client is a public one) and, with the development
 * key, the demo sign-in.
 */
export async function registerSignIn(app: FastifyInstance, auth: AppConfig['auth']): Promise<void> {
  const options = signInOptionsOf(auth);
  app.get('/auth/sign-in-options', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(options),
  );
  await registerDemoSignIn(app, auth);
}
