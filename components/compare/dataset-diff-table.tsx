import Link from 'next/link';
import { DatasetLabel } from '@/components/ui/dataset-label';
import { datasetHref, runHref } from '@/lib/api/links';
import type { DatasetDiff } from '@/lib/audit/diff-datasets';
import { DiffBadge, RunHeads, type RunColumn } from './run-columns';

/** Each dataset any run read (or wrote), the exact version per run, and whether it is the same. */
export function DatasetDiffTable({ title, runs, rows, testId }: { title: string; runs: RunColumn[]; rows: DatasetDiff[]; testId: string }) {
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="subtle">None reported by any run.</p> : (
        <table>
          <thead><tr><th>Dataset</th><RunHeads runs={runs} /><th /></tr></thead>
          <tbody>
            {rows.map((d) => (
              <tr key={`${d.namespace}\u0000${d.name}`} className={d.status === 'same' ? undefined : 'disagree'} data-testid="dataset-diff-row" data-name={d.name} data-status={d.status}>
                <td>{d.namespace ? <Link href={datasetHref(d.namespace, d.name)}><DatasetLabel dataset={d} /></Link> : d.name}</td>
                {d.uses.map((u, i) => (
                  <td key={i}>
                    {u === null ? <span className="subtle">not used</span> : (
                      <>
                        <span className="mono" data-testid="dataset-diff-version">{u.version ?? 'no version'}</span>
                        {u.producedByRunId ? <div className="subtle">written by <Link href={runHref(u.producedByRunId)}>run</Link></div> : null}
                      </>
                    )}
                  </td>
                ))}
                <td><DiffBadge status={d.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
