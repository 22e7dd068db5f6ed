import Link from 'next/link';
import type { ParamDiff } from '@/lib/audit/diff-params';
import { Cell, DiffBadge, RunHeads, type RunColumn } from './run-columns';

/**
 * Params side by side; by default only those that differ, with a link (a URL) that shows all. `params` is the
 * window the page shows (differing ones only unless `all`); `counts` are of every param.
 */
export function ParamDiffTable({ runs, params, all, toggleHref, counts }: {
  runs: RunColumn[]; params: ParamDiff[]; all: boolean; toggleHref: string; counts: { total: number; differing: number; secret: number };
}) {
  const rows = params;
  const hidden = counts.total - counts.differing - counts.secret;
  const secret = counts.secret === 0 ? '' : ` ${counts.secret} ${counts.secret === 1 ? 'is' : 'are'} secret and not compared (shown).`;
  return (
    <section className="panel" data-testid="param-diff">
      <h2>Params</h2>
      <p className="subtle">
        {all ? `All ${counts.total} params; ${counts.differing} differ (highlighted).` : `${counts.differing} of ${counts.total} params differ; ${hidden} the same in every run are hidden.`}{secret}
        {' '}<Link href={toggleHref} data-testid="params-toggle">{all ? 'Differences only' : 'Show all params'}</Link>
      </p>
      {rows.length === 0 ? <p className="subtle">{counts.total === 0 ? 'No run reported params.' : 'Every param is the same in every run.'}</p> : (
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
