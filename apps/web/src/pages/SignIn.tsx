import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { demoSignIn } from '../api/client';
import type { DemoIdentity, SignInOptions } from '../api/types';
import { ClassificationMark } from '../components/ClassificationMark';
import { countryName, roleName } from '../format';
import { type OidcProvider, safeReturnPath, signInOptions, startSignIn } from '../session/oidc';
import { useSession } from '../session/session-context';
import './SignIn.css';

type Offered =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; oidc: SignInOptions['oidc']; identities: DemoIdentity[] | null };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Sign-in, as this server offers it (GET /auth/sign-in-options): through the organisation's OpenID Connect provider
 * (authorization code + PKCE, a redirect there and back to /auth/callback), and/or, with the development key, one
 * button per demo identity whose token the server mints.
 */
export function SignIn() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = safeReturnPath((location.state as { from?: unknown } | null)?.from);
  const [offered, setOffered] = useState<Offered>({ state: 'loading' });
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      const options = await signInOptions();
      const identities = options.demo ? (await demoSignIn.identities()).identities : null;
      if (live) setOffered({ state: 'ready', oidc: options.oidc, identities });
    })().catch((e: unknown) => {
      if (live) setOffered({ state: 'failed', message: messageOf(e) });
    });
    return () => {
      live = false;
    };
  }, []);

  if (session) return <Navigate to={from} replace />;

  async function chooseIdentity(id: string) {
    setPending(id);
    setError(null);
    try {
      const { token } = await demoSignIn.token(id);
      if (!signIn(token)) throw new Error('The server answered a token this app cannot read.');
      navigate(from, { replace: true });
    } catch (e) {
      setError(messageOf(e));
      setPending(null);
    }
  }

  async function chooseProvider(provider: OidcProvider) {
    setPending('oidc');
    setError(null);
    try {
      // Leaves the page for the provider's; pending stays set until the browser goes.
      await startSignIn(provider, from);
    } catch (e) {
      setError(`${provider.name} could not be reached: ${messageOf(e)}`);
      setPending(null);
    }
  }

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <h1>Démarche</h1>
        <p className="lede">
          The record of our engagement with each country, and of its telecom-vendor dependency.
        </p>
        <h2>Sign in</h2>
        {offered.state === 'loading' && <p aria-live="polite">Loading…</p>}
        {offered.state === 'failed' && (
          <p role="alert" className="error">
            The server could not be reached: {offered.message}
          </p>
        )}
        {offered.state === 'ready' && offered.oidc && (
          <div className="provider">
            <p>Sign in with your organisation's account; you come back here afterwards.</p>
            <button
              type="button"
              className="provider-button"
              data-sign-in="oidc"
              disabled={pending !== null}
              aria-busy={pending === 'oidc'}
              onClick={() => offered.oidc && chooseProvider(offered.oidc)}
            >
              Sign in with {offered.oidc.name}
            </button>
          </div>
        )}
        {offered.state === 'ready' && !offered.oidc && !offered.identities && (
          <p>
            Sign-in is not configured on this server: it has neither an identity provider
            (AUTH_OIDC_ISSUER_URL) nor a development signing key.
          </p>
        )}
        {offered.state === 'ready' && offered.identities && (
          <>
            {offered.oidc && <h3>Or, on this development server</h3>}
            <p>
              Development server: choose who to be. Each identity sees only what its role and clearance allow.
            </p>
            <ul className="identities">
              {offered.identities.map((identity) => (
                <li key={identity.id}>
                  <button
                    type="button"
                    className="identity"
                    data-identity={identity.id}
                    disabled={pending !== null}
                    aria-busy={pending === identity.id}
                    onClick={() => chooseIdentity(identity.id)}
                  >
                    <span className="identity-name">{identity.label}</span>
                    <span className="identity-detail">{identity.description}</span>
                    <span className="identity-meta">
                      {roleName(identity.role)} ·{' '}
                      {identity.countries ? identity.countries.map(countryName).join(', ') : 'all countries'}{' '}
                      · <ClassificationMark level={identity.clearance} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {error && (
          <p role="alert" className="error">
            Sign-in failed: {error}
          </p>
        )}
      </div>
    </main>
  );
}
