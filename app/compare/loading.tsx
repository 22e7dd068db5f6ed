// Comparing walks the lineage upstream (remote sources are asked level by level), so say so while it runs.
export default function LoadingComparison() {
  return (
    <section aria-busy="true" data-testid="loading">
      <h1>Compare runs</h1>
      <p className="subtle">Comparing the runs and walking their inputs upstream…</p>
      <div className="skeleton" style={{ height: 240 }} />
    </section>
  );
}
