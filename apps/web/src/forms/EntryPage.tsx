/** Placeholder for one entry and what may be done to it: being built (issue 14); replaced by its own module. */
export function EntryPage() {
  return (
    <main id="main" className="page">
      <p>Not built yet.</p>
    </main>
  );
}
