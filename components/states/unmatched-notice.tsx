/** A run known to one side only: shown in full, with what is missing and why it may be. */
export function UnmatchedNotice({ side, notes }: { side: 'lineage' | 'experiment'; notes: string[] }) {
  const has = side === 'lineage' ? 'an OpenLineage run' : 'an MLflow run';
  const missing = side === 'lineage' ? 'MLflow run' : 'OpenLineage run';
  return (
    <div className="notice notice-warn" data-testid="unmatched-notice">
      <strong>Unmatched:</strong> this is {has} with no linked {missing}. No link rule holds (same UUID, an <code>mlflow</code> or
      <code> tags</code> facet, or an <code>openlineage.run_id</code> tag); see the README&apos;s &quot;Linking your runs&quot;.
      {notes.map((n) => <div key={n}>{n}</div>)}
    </div>
  );
}
