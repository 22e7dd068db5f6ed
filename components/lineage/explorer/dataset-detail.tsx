import Link from 'next/link';
import type { NodeDetail } from '@/lib/graph/explorer-api';
import { formatTime } from '@/components/ui/format';

type DatasetPart = NonNullable<NodeDetail['dataset']>;

const heading = { fontSize: '0.95em', margin: '12px 0 4px' } as const;

/** A dataset's schema (the schema facet's fields) and its versions with the runs that wrote them. */
export function DatasetDetail({ dataset }: { dataset: DatasetPart }) {
  return (
    <>
      <h3 style={heading}>Schema <span className="subtle">({dataset.fields.length < dataset.totalFields ? `${dataset.fields.length} of ${dataset.totalFields}` : dataset.fields.length} fields)</span></h3>
      {dataset.fields.length === 0 ? (
        <p className="subtle">No schema facet was reported for this dataset.</p>
      ) : (
        <table data-testid="explorer-dataset-schema">
          <thead><tr><th>Field</th><th>Type</th></tr></thead>
          <tbody>
            {dataset.fields.map((f) => (
              <tr key={f.name} title={f.description ?? undefined}><td className="mono">{f.name}</td><td className="mono">{f.type ?? '—'}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 style={heading}>Versions <span className="subtle">({dataset.versions.length} of {dataset.totalVersions})</span></h3>
      {dataset.versionsNote ? <p className="subtle" data-testid="explorer-versions-note">{dataset.versionsNote}</p> : null}
      {dataset.versions.length === 0 ? (
        <p className="subtle">No tracked run wrote this dataset.</p>
      ) : (
        <table data-testid="explorer-dataset-versions">
          <thead><tr><th>Version</th><th>Written by</th><th>At</th></tr></thead>
          <tbody>
            {dataset.versions.map((v, i) => (
              <tr key={`${v.createdByRunId ?? ''}/${i}`}>
                <td className="mono">{v.version ?? 'not reported'}</td>
                <td>{v.createdByHref && v.createdByRunId ? <Link href={v.createdByHref} className="mono">{v.createdByRunId.slice(0, 8)}</Link> : '—'}</td>
                <td className="nowrap">{formatTime(Date.parse(v.createdAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
