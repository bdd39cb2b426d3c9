import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type Api, apiFor } from '../api/client';
import { forgetToken, type Session, storedSession, storeToken } from './session';

interface SessionState {
  readonly session: Session | null;
  readonly api: Api | null;
  signIn(token: string): Session | null;
  /** Ends the session (its token expired or was refused): after signing in again, back to the same page. */
  signOut(): void;
  /** The reader signs out: the next sign-in on this tab starts from the start page. */
  leave(): void;
  /** True after leave(), until the next sign-in. */
  readonly signedOut: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => storedSession());
  const [signedOut, setSignedOut] = useState(false);
  const signIn = useCallback((token: string) => {
    const next = storeToken(token);
    setSession(next);
    setSignedOut(false);
    return next;
  }, []);
  const signOut = useCallback(() => {
    forgetToken();
    setSession(null);
  }, []);
  const leave = useCallback(() => {
    forgetToken();
    setSession(null);
    setSignedOut(true);
  }, []);
  const value = useMemo(
    () => ({ session, api: session ? apiFor(session.token) : null, signIn, signOut, leave, signedOut }),
    [session, signIn, signOut, leave, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The API as the signed-in reader; only inside pages that require a session. */
export function useApi(): Api {
  const { api } = useSession();
  if (!api) throw new Error('useApi without a session');
  return api;
}
