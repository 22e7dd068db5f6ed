import Link from 'next/link';
import { compareHref, runHref } from '@/lib/api/links';
import type { StagePair } from '@/lib/audit/compare-stages';
import { datasetLabel } from '@/lib/audit/diff-datasets';
import { DiffBadge } from './run-columns';

function changes(pair: StagePair) {
  const params = pair.params.map((p) => `${p.key} ${p.values[0] ?? '—'} → ${p.values[1] ?? '—'}`);
  const io = (rows: StagePair['inputs'], verb: string) => rows.map((d) => `${verb} ${datasetLabel(d)} ${d.uses[0]?.version ?? '—'} → ${d.uses[1]?.version ?? '—'}`);
  return [...params, ...io(pair.inputs, 'read'), ...io(pair.outputs, 'wrote')];
}

/** The stages of two pipeline runs paired by job: which stage's params and dataset versions changed. */
export function StagePairs({ stages, letters }: { stages: StagePair[]; letters: [string, string] }) {
  return (
    <section className="panel" data-testid="stage-pairs">
      <h2>Stages of {letters[0]} and {letters[1]}, paired by job</h2>
      <table>
        <thead><tr><th>Stage</th><th>{letters[0]}</th><th>{letters[1]}</th><th>What changed</th><th /></tr></thead>
        <tbody>
          {stages.map((s, i) => {
            const [a, b] = s.runs;
            return (
              <tr key={`${s.stage}-${i}`} className={s.status === 'same' ? undefined : 'disagree'} data-testid="stage-pair" data-stage={s.stage}>
                <td>{s.stage}{a && b ? <div><Link href={compareHref([a.id, b.id])} className="subtle">compare these two</Link></div> : null}</td>
                <td>{a ? <Link href={runHref(a.id)}>{a.status}</Link> : <span className="subtle">did not run</span>}</td>
                <td>{b ? <Link href={runHref(b.id)}>{b.status}</Link> : <span className="subtle">did not run</span>}</td>
                <td>
                  {s.status === 'only-in' ? <span className="subtle">ran in one pipeline only</span> : changes(s).map((c) => <div key={c} className="mono" data-testid="stage-change">{c}</div>)}
                  {s.totals ? <div className="subtle">first {changes(s).length} changes shown; compare these two for the rest</div> : null}
                </td>
                <td><DiffBadge status={s.status} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
