import Link from 'next/link';
import { AliasBadges } from '@/components/models/alias-badges';
import { formatTime } from '@/components/ui/format';
import type { ModelVersionView } from '@/lib/catalog/model-page-model';

/** Every version newest first; each row links to its own trace (`?version=`). */
export function ModelVersionsTable({ versions, selected }: { versions: ModelVersionView[]; selected: string | null }) {
  return (
    <section className="panel">
      <h2>Versions</h2>
      {versions.length === 0 ? <p className="subtle">This model has no versions yet.</p> : (
        <table data-testid="model-versions">
          <thead><tr><th>Version</th><th>Aliases</th><th>Stage (deprecated)</th><th>Status</th><th>Created</th><th>Source</th><th>Training run</th></tr></thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-testid="model-version" data-version={v.version} aria-current={v.version === selected ? 'true' : undefined}
                style={v.version === selected ? { background: 'rgba(37, 99, 235, 0.08)' } : undefined}>
                <td><Link href={v.href}>v{v.version}</Link>{v.version === selected ? <span className="subtle"> (traced below)</span> : null}</td>
                <td><AliasBadges aliases={v.aliases} /></td>
                <td>{v.stage ?? <span className="subtle">—</span>}</td>
                <td>{v.status ?? '—'}</td>
                <td className="nowrap">{formatTime(v.createdAt === null ? null : Date.parse(v.createdAt))}</td>
                <td className="mono">{v.source ?? '—'}</td>
                <td>{v.run
                  ? <><Link href={v.run.href}>{v.run.label}</Link>{v.run.via === 'logged-model' ? <span className="subtle"> via logged model</span> : null}</>
                  : <span className="badge badge-unmatched">unknown</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
