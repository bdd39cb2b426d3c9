/** Placeholder for the printable country brief: being built (issue 14); replaced by its own module. */
export function Brief() {
  return (
    <main id="main" className="page">
      <p>Not built yet.</p>
    </main>
  );
}
