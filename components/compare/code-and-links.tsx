import type { CodeDiff } from '@/lib/audit/diff-code';
import type { LinkDiff } from '@/lib/audit/diff-links';
import { Cell, DiffBadge, RunHeads, type RunColumn } from './run-columns';

/** Code version (MLflow source tags, sourceCodeLocation facet) and how each run's two sides are linked. */
export function CodeAndLinks({ runs, code, links }: { runs: RunColumn[]; code: CodeDiff[]; links: LinkDiff }) {
  return (
    <section className="panel" data-testid="code-and-links">
      <h2>Code version and link rules</h2>
      <table>
        <thead><tr><th /><RunHeads runs={runs} /><th /></tr></thead>
        <tbody>
          {code.map((c) => (
            <tr key={`${c.label}\u0000${c.source}`} className={c.status === 'same' ? undefined : 'disagree'} data-testid="code-diff-row">
              <td>{c.label} <span className="subtle">({c.source})</span></td>
              {c.values.map((v, i) => <td key={i} className="mono"><Cell value={v} /></td>)}
              <td><DiffBadge status={c.status} /></td>
            </tr>
          ))}
          {code.length === 0 ? <tr><td colSpan={runs.length + 2} className="subtle">No run recorded a code version (no mlflow.source.git.commit tag, no sourceCodeLocation facet).</td></tr> : null}
          <tr data-testid="link-diff-row">
            <td>Link rule</td>
            {links.links.map((l, i) => (
              <td key={i} title={l.detail}>
                {l.rule ? <span className="badge badge-rule">{l.rule}{l.rule === 'dataset' ? ' · suggested' : ''}</span> : <span className="badge badge-unmatched">unmatched</span>}
                <div className="subtle">{l.detail}</div>
              </td>
            ))}
            <td><DiffBadge status={links.status} /></td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
