/** What a dynamic page shows while the server gathers it: its title and a skeleton of the panels to come. */
export function PageLoading({ title, detail }: { title: string; detail: string }) {
  return (
    <section aria-busy="true" data-testid="loading">
      <h1>{title}</h1>
      <p className="subtle" role="status">{detail}</p>
      <div className="skeleton" style={{ height: 120, marginTop: 12 }} />
      <div className="skeleton" style={{ height: 240, marginTop: 14 }} />
    </section>
  );
}
