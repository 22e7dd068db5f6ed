import Link from 'next/link';
import { AliasBadges } from '@/components/models/alias-badges';
import { formatTime } from '@/components/ui/format';
import { modelHref } from '@/lib/api/links';
import type { ModelSummary } from '@/lib/catalog/model-page-model';

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

export function ModelsTable({ models }: { models: ModelSummary[] }) {
  return (
    <section className="panel">
      <table data-testid="models-table">
        <thead><tr><th>Model</th><th>Description</th><th>Latest version</th><th>Aliases</th><th>Versions</th><th>Updated</th></tr></thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.name} data-testid="model-row">
              <td><Link href={m.href} data-testid="model-name">{m.name}</Link></td>
              <td>{m.description ?? <span className="subtle">—</span>}</td>
              <td>{m.latestVersion ? <Link href={modelHref(m.name, m.latestVersion)}>v{m.latestVersion}</Link> : <span className="subtle">none</span>}</td>
              <td><AliasBadges aliases={Object.keys(m.aliases).sort()} versions={m.aliases} /></td>
              <td>{m.versionCount}</td>
              <td className="nowrap">{formatTime(ms(m.updatedAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
