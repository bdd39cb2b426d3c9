import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { completeSignIn } from './oidc';
import { useSession } from './session-context';

/** Why the provider's answer ended no sign-in, in words for the reader. */
function problemOf(e: unknown): string {
  const error = e as { error?: unknown; error_description?: unknown; message?: unknown } | null;
  if (error && typeof error.error === 'string') {
    // The provider's own error (RFC 6749 §4.1.2.1): access_denied when the reader declined, say.
    return typeof error.error_description === 'string'
      ? `${error.error_description} (${error.error})`
      : error.error;
  }
  return typeof error?.message === 'string' ? error.message : String(e);
}

/**
 * Where the identity provider sends the browser back (/auth/callback?code=…&state=…): the code is exchanged for
 * tokens (with the PKCE verifier kept since the redirect), the access token becomes the session's bearer, and the
 * reader goes on to where they were going.
 */
export function OidcCallback() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    completeSignIn().then(
      ({ accessToken, from }) => {
        if (!live) return;
        if (!signIn(accessToken)) {
          setFailure(
            'The identity provider answered an access token this app cannot read: it must issue signed JWT access ' +
              'tokens for this API, with the role, countries and clearance claims.',
          );
          return;
        }
        navigate(from, { replace: true });
      },
      (e: unknown) => {
        if (live) setFailure(problemOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [signIn, navigate]);

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <h1>Démarche</h1>
        {failure === null ? (
          <p aria-live="polite">Signing you in…</p>
        ) : (
          <>
            <h2>Sign-in did not complete</h2>
            <p role="alert" className="error">
              {failure}
            </p>
            <p>
              <Link to="/sign-in">Back to sign-in</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
