import type { ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Brief } from './brief/Brief';
import { Header } from './components/Header';
import { EntryPage } from './forms/EntryPage';
import { RecordPage } from './forms/RecordPage';
import { Countries } from './pages/Countries';
import { Country } from './pages/Country';
import { SignIn } from './pages/SignIn';
import { Search } from './search/Search';
import { OidcCallback } from './session/OidcCallback';
import { SessionProvider, useSession } from './session/session-context';

/** Pages behind sign-in: without a session, to the sign-in page, and back here afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return children;
}

function Layout() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <Outlet />
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
