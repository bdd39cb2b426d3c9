import { decodeJwt } from 'jose';
import type { Classification, Role } from '../api/types';

/** Who is signed in, as their token says (read for display; the API verifies the token on every call). */
export interface Session {
  readonly token: string;
  readonly subject: string;
  readonly role: Role;
  /** null: every country. */
  readonly countries: readonly string[] | null;
  readonly clearance: Classification;
  readonly expiresAt: Date;
}

// sessionStorage: the token lives as long as the tab, and is not shared with other tabs or kept on disk.
const KEY = 'demarche.token';
/**
 * oidc-client-ts keeps a provider sign-in's state (the PKCE verifier, nonce, where to return) and the user it
 * signed in under this prefix, in sessionStorage too. Sign-out removes every key under it.
 */
export const OIDC_STORAGE_PREFIX = 'demarche.oidc.';

export function sessionOf(token: string): Session | null {
  try {
    const claims = decodeJwt(token);
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    // A token without this API's claims (an identity provider's access token for another audience, say) is none.
    if (typeof claims.role !== 'string' || typeof claims.clearance !== 'string') return null;
    const countries = claims.countries;
    return {
      token,
      subject: claims.sub,
      role: claims.role as Role,
      countries: Array.isArray(countries) ? countries.map(String) : null,
      clearance: claims.clearance as Classification,
      expiresAt: new Date(claims.exp * 1000),
    };
  } catch {
    return null;
  }
}

/** The stored session, unless there is none or it has expired. */
export function storedSession(now = new Date()): Session | null {
  const token = sessionStorage.getItem(KEY);
  const session = token ? sessionOf(token) : null;
  if (!session || session.expiresAt <= now) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

export function storeToken(token: string): Session | null {
  const session = sessionOf(token);
  if (session) sessionStorage.setItem(KEY, token);
  return session;
}

/** Signs out of this tab: the token, and whatever a provider sign-in left. */
export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
  const oidcKeys = Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i)).filter(
    (key): key is string => key?.startsWith(OIDC_STORAGE_PREFIX) === true,
  );
  for (const key of oidcKeys) sessionStorage.removeItem(key);
}
