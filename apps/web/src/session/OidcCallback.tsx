/** Placeholder for the OIDC redirect's landing: being built (issue 14); replaced by its own module. */
export function OidcCallback() {
  return (
    <main id="main" className="page">
      <p>Not built yet.</p>
    </main>
  );
}
