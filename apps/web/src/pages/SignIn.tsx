import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, demoSignIn } from '../api/client';
import type { DemoIdentity } from '../api/types';
import { ClassificationMark } from '../components/ClassificationMark';
import { countryName, roleName } from '../format';
import { useSession } from '../session/session-context';

type Identities =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; identities: DemoIdentity[] };

/** Sign-in: with the development key, one button per demo identity; the server mints the token. */
export function SignIn() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [identities, setIdentities] = useState<Identities>({ state: 'loading' });
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    demoSignIn.identities().then(
      ({ identities }) => setIdentities({ state: 'ready', identities }),
      (e: unknown) =>
        setIdentities(
          e instanceof ApiError && e.problem.status === 404
            ? { state: 'none' }
            : { state: 'failed', message: e instanceof Error ? e.message : String(e) },
        ),
    );
  }, []);

  if (session) return <Navigate to={from} replace />;

  async function choose(id: string) {
    setPending(id);
    setError(null);
    try {
      const { token } = await demoSignIn.token(id);
      if (!signIn(token)) throw new Error('The server answered a token this app cannot read.');
      navigate(from, { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
        {identities.state === 'loading' && <p aria-live="polite">Loading…</p>}
        {identities.state === 'none' && (
          <p>
            Demo sign-in is off: this server has no development signing key. Sign in through your
            organisation's identity provider.
          </p>
        )}
        {identities.state === 'failed' && (
          <p role="alert" className="error">
            The server could not be reached: {identities.message}
          </p>
        )}
        {identities.state === 'ready' && (
          <>
            <p>
              Development server: choose who to be. Each identity sees only what its role and clearance allow.
            </p>
            <ul className="identities">
              {identities.identities.map((identity) => (
                <li key={identity.id}>
                  <button
                    type="button"
                    className="identity"
                    data-identity={identity.id}
                    disabled={pending !== null}
                    aria-busy={pending === identity.id}
                    onClick={() => choose(identity.id)}
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
