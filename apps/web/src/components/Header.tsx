import { type FormEvent, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { countryName, roleName } from '../format';
import '../search/search.css';
import { useSession } from '../session/session-context';
import { ClassificationMark } from './ClassificationMark';

/** The search box of every signed-in page: submits to /search?q=…, showing the query of the results page. */
function SearchBox() {
  const navigate = useNavigate();
  const location = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const current =
    location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = input.current?.value.trim() ?? '';
    if (!q) {
      input.current?.focus();
      return;
    }
    navigate(`/search?${new URLSearchParams({ q }).toString()}`);
  }

  return (
    <search aria-label="Search entries" className="header-search">
      <form action="/search" onSubmit={submit}>
        <label htmlFor="header-search-q" className="visually-hidden">
          Search entries
        </label>
        <input
          ref={input}
          key={current}
          id="header-search-q"
          type="search"
          name="q"
          defaultValue={current}
          placeholder="Search entries…"
          maxLength={200}
          autoComplete="off"
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}

/** The bar on every signed-in page: where you are, searching, who you are, and signing out. */
export function Header() {
  const { session, leave } = useSession();
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
      <SearchBox />
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
          // Signed out, the page's guard sends the reader to the sign-in page (and not back here afterwards).
          onClick={leave}
        >
          Sign out
        </button>
      </section>
    </header>
  );
}
