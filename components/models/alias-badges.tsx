/** Aliases are how MLflow 2.3+ marks versions (champion, latest-etl, …); each shows which version it points at when asked. */
export function AliasBadges({ aliases, versions }: { aliases: string[]; versions?: Record<string, string> }) {
  if (aliases.length === 0) return <span className="subtle">—</span>;
  return (
    <>
      {aliases.map((a) => (
        <span key={a} className="badge badge-rule" data-testid="model-alias">@{a}{versions?.[a] ? ` → v${versions[a]}` : ''}</span>
      ))}
    </>
  );
}
