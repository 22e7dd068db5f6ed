export default function Loading() {
  return <p className="subtle" aria-busy="true" data-testid="loading">Loading…</p>;
}
