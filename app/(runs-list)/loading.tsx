// Only the runs list streams a loading state: the run page must answer 404 for unknown ids, which streaming prevents.
export default function LoadingRuns() {
  return (
    <section aria-busy="true" data-testid="loading">
      <h1>Runs</h1>
      <p className="subtle">Loading runs from the configured sources…</p>
      <div className="skeleton" style={{ height: 240 }} />
    </section>
  );
}
