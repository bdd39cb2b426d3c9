/** Placeholder for search results: being built (issue 14); replaced by its own module. */
export function Search() {
  return (
    <main id="main" className="page">
      <p>Not built yet.</p>
    </main>
  );
}
