/** A run known to one side only: shown in full, with what is missing and why it may be. */
export function UnmatchedNotice({ side, notes, tracker = 'MLflow' }: { side: 'lineage' | 'experiment'; notes: string[]; tracker?: 'MLflow' | 'W&B' }) {
  const has = side === 'lineage' ? 'an OpenLineage run' : `a ${tracker} run`;
  const missing = side === 'lineage' ? 'experiment run' : 'OpenLineage run';
  return (
    <div className="notice notice-warn" data-testid="unmatched-notice">
      <strong>Unmatched:</strong> this is {has} with no linked {missing}. No link rule holds (same UUID, an <code>mlflow</code>, <code>wandb</code> or
      <code> tags</code> facet, an <code>openlineage.run_id</code> tag, or a W&amp;B <code>openlineage_run_id</code> config key); see the README&apos;s &quot;Linking your runs&quot;.
      {notes.map((n) => <div key={n}>{n}</div>)}
    </div>
  );
}
