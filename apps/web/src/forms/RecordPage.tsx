/** Placeholder for the desk officer's forms: being built (issue 14); replaced by its own module. */
export function RecordPage() {
  return (
    <main id="main" className="page">
      <p>Not built yet.</p>
    </main>
  );
}
