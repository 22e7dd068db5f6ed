export interface ParamRowView {
  key: string;
  lineage: string | null;
  experiment: string | null;
  disagrees: boolean;
}

/** `tracker` names the experiment side: MLflow or W&B. */
export function ParamsTable({ rows, tracker = 'MLflow' }: { rows: ParamRowView[]; tracker?: string }) {
  const disagreements = rows.filter((r) => r.disagrees).length;
  return (
    <section className="panel" data-testid="params" id="params">
      <h2>Params</h2>
      {rows.length === 0 ? <p className="subtle">No params reported by either side.</p> : (
        <>
          {disagreements > 0 ? <div className="notice notice-warn">{disagreements} param{disagreements === 1 ? '' : 's'} differ between OpenLineage and {tracker} (highlighted).</div> : null}
          <table className="compact-table">
            <thead><tr><th>Param</th><th title="OpenLineage executionParameters facet">OpenLineage</th><th>{tracker}{tracker === 'W&B' ? ' config' : ''}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className={r.disagrees ? 'disagree' : undefined} data-testid={r.disagrees ? 'param-disagrees' : 'param-row'}>
                  <td className="mono">{r.key}</td>
                  <td className="mono">{r.lineage ?? <span className="subtle">—</span>}</td>
                  <td className="mono">{r.experiment ?? <span className="subtle">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
