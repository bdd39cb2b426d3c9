import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Header } from './components/Header';
import { SignIn } from './pages/SignIn';
import { OidcCallback } from './session/OidcCallback';
import { SessionProvider, useSession } from './session/session-context';

// Each page is its own chunk, loaded when first opened: the charts (ECharts) and the forms stay out of the sign-in
// page's download.
const Countries = lazy(() => import('./pages/Countries').then((m) => ({ default: m.Countries })));
const Country = lazy(() => import('./pages/Country').then((m) => ({ default: m.Country })));
const Brief = lazy(() => import('./brief/Brief').then((m) => ({ default: m.Brief })));
const RecordPage = lazy(() => import('./forms/RecordPage').then((m) => ({ default: m.RecordPage })));
const EntryPage = lazy(() => import('./forms/EntryPage').then((m) => ({ default: m.EntryPage })));
const Search = lazy(() => import('./search/Search').then((m) => ({ default: m.Search })));

/** Pages behind sign-in: without a session, to the sign-in page, and back here afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const { session, signedOut } = useSession();
  const location = useLocation();
  // An expired session comes back here after signing in again; one signed out on purpose starts afresh, so that
  // the next person to sign in on this tab is not sent to the page the last one left open.
  if (!session) {
    return (
      <Navigate
        to="/sign-in"
        replace
        state={signedOut ? undefined : { from: `${location.pathname}${location.search}` }}
      />
    );
  }
  return children;
}

function Layout() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <Suspense
        fallback={
          <main id="main" className="page" aria-busy="true">
            <p className="muted">Loading…</p>
          </main>
        }
      >
        <Outlet />
      </Suspense>
    </>
  );
}

function NotFound() {
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the countries</Link>
      </p>
    </main>
  );
}

// A new top-level page joins APP_PAGES in apps/api/src/http/web-app.ts, so that the API serves it on a reload.
export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/auth/callback" element={<OidcCallback />} />
          <Route
            element={
              <SignedIn>
                <Layout />
              </SignedIn>
            }
          >
            <Route index element={<Countries />} />
            <Route path="countries/:country" element={<Country />} />
            <Route path="countries/:country/brief" element={<Brief />} />
            <Route path="countries/:country/record" element={<RecordPage />} />
            <Route path="countries/:country/record/:form" element={<RecordPage />} />
            <Route path="entries/:eventId" element={<EntryPage />} />
            <Route path="entries/:eventId/:action" element={<EntryPage />} />
            <Route path="search" element={<Search />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
