import { Link, useNavigate } from 'react-router';
import { countryName, roleName } from '../format';
import { useSession } from '../session/session-context';
import { ClassificationMark } from './ClassificationMark';

/** The bar on every signed-in page: where you are, who you are, and signing out. */
export function Header() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  if (!session) return null;
  const countries = session.countries
    ? session.countries.map((c) => countryName(c)).join(', ')
    : 'All countries';
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        Démarche
      </Link>
      <nav aria-label="Main">
        <Link to="/">Countries</Link>
      </nav>
      <section className="who" aria-label="Signed in as">
        <dl>
          <div>
            <dt>Signed in as</dt>
            <dd data-testid="subject">{session.subject}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd data-testid="role">{roleName(session.role)}</dd>
          </div>
          <div>
            <dt>Countries</dt>
            <dd data-testid="countries">{countries}</dd>
          </div>
          <div>
            <dt>Clearance</dt>
            <dd data-testid="clearance">
              <ClassificationMark level={session.clearance} />
            </dd>
          </div>
        </dl>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            signOut();
            navigate('/sign-in');
          }}
        >
          Sign out
        </button>
      </section>
    </header>
  );
}
