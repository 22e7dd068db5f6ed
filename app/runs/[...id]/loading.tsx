export default function LoadingRun() {
  return (
    <section aria-busy="true" data-testid="loading">
      <p className="subtle">Loading run…</p>
      <div className="skeleton" style={{ height: 32, width: '40%' }} />
      <div className="skeleton" style={{ height: 200, marginTop: 16 }} />
    </section>
  );
}
