import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { request } from '../api/client';
import type { SignInOptions } from '../api/types';
import { OIDC_STORAGE_PREFIX } from './session';

/** The OIDC provider as GET /auth/sign-in-options names it. */
export type OidcProvider = NonNullable<SignInOptions['oidc']>;

/** Where the provider sends the browser back with the code: the app's callback page (App.tsx's /auth/callback). */
export const CALLBACK_PATH = '/auth/callback';

/** What the sign-in page offers on this server. */
export function signInOptions(): Promise<SignInOptions> {
  return request<SignInOptions>('/auth/sign-in-options');
}

function userManager(provider: OidcProvider): UserManager {
  const store = new WebStorageStateStore({ prefix: OIDC_STORAGE_PREFIX, store: window.sessionStorage });
  const resource = provider.resource ? { resource: provider.resource } : undefined;
  return new UserManager({
    authority: provider.issuer,
    client_id: provider.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    // The authorization code flow; oidc-client-ts always sends a PKCE challenge (S256) with it.
    response_type: 'code',
    scope: provider.scopes,
    stateStore: store,
    userStore: store,
    // The access token is the API's bearer: the app needs nothing from userinfo, and renews by signing in again
    // (no hidden iframes: the CSP keeps frames to this origin).
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
    ...(resource ? { extraQueryParams: resource, extraTokenParams: resource } : {}),
  });
}

/** Leaves for the provider's sign-in; back at CALLBACK_PATH afterwards, to go on to `from`. */
export async function startSignIn(provider: OidcProvider, from: string): Promise<void> {
  await userManager(provider).signinRedirect({ state: { from } });
}

export interface Completed {
  /** The access token: the bearer the API verifies. */
  readonly accessToken: string;
  /** Where the reader was going when sent to sign in. */
  readonly from: string;
}

/**
 * A path within this app to return to (path, query and fragment), never another origin's URL: anything else, or
 * anything with a backslash or a control character (which browsers read leniently), is the start page.
 */
export function safeReturnPath(from: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (typeof from !== 'string' || !from.startsWith('/') || /[\\\u0000-\u001f]/.test(from)) return '/';
  const url = new URL(from, window.location.origin);
  return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}

function returnPath(state: unknown): string {
  return safeReturnPath((state as { from?: unknown } | undefined)?.from);
}

// One exchange per callback URL: a code is good once, and React may run an effect twice.
const exchanges = new Map<string, Promise<Completed>>();

/** Completes the sign-in the provider sent the browser back from: checks the state and exchanges the code. */
export function completeSignIn(url: string = window.location.href): Promise<Completed> {
  let exchange = exchanges.get(url);
  if (!exchange) {
    exchange = (async () => {
      const { oidc } = await signInOptions();
      if (!oidc) throw new Error('This server has no identity provider configured.');
      const user = await userManager(oidc).signinRedirectCallback(url);
      return { accessToken: user.access_token, from: returnPath(user.state) };
    })();
    exchanges.set(url, exchange);
  }
  return exchange;
}
