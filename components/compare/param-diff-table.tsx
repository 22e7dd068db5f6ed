import Link from 'next/link';
import type { ParamDiff } from '@/lib/audit/diff-params';
import { Cell, DiffBadge, RunHeads, type RunColumn } from './run-columns';

/** Params side by side; by default only those that differ, with a link (a URL) that shows all. */
export function ParamDiffTable({ runs, params, all, toggleHref }: { runs: RunColumn[]; params: ParamDiff[]; all: boolean; toggleHref: string }) {
  const differing = params.filter((p) => p.status !== 'same');
  const rows = all ? params : differing;
  const hidden = params.length - differing.length;
  return (
    <section className="panel" data-testid="param-diff">
      <h2>Params</h2>
      <p className="subtle">
        {all ? `All ${params.length} params; ${differing.length} differ (highlighted).` : `${differing.length} of ${params.length} params differ; ${hidden} the same in every run are hidden.`}
        {' '}<Link href={toggleHref} data-testid="params-toggle">{all ? 'Differences only' : 'Show all params'}</Link>
      </p>
      {rows.length === 0 ? <p className="subtle">{params.length === 0 ? 'No run reported params.' : 'Every param is the same in every run.'}</p> : (
        <table>
          <thead><tr><th>Param</th><RunHeads runs={runs} /><th /></tr></thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.key} className={p.status === 'same' ? undefined : 'disagree'} data-testid="param-diff-row" data-key={p.key} data-status={p.status}>
                <td className="mono">{p.key}</td>
                {p.values.map((v, i) => (
                  <td key={i} className="mono" data-testid="param-value">
                    <Cell value={v} />{p.sidesDisagree.includes(i) ? <span className="subtle" title="OpenLineage executionParameters reports another value"> (MLflow; OpenLineage differs)</span> : null}
                  </td>
                ))}
                <td><DiffBadge status={p.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
