import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatNumber } from '@/components/ui/format';
import type { WriterView } from '@/lib/catalog/dataset-page-model';

/** The run that wrote a version and, when it is joined to an experiment run, that run's key metrics. */
export function WriterCell({ writer, unknownRunId }: { writer: WriterView | null; unknownRunId: string | null }) {
  if (!writer) return unknownRunId ? <span className="subtle">run <span className="mono">{unknownRunId}</span> (not loaded)</span> : <>—</>;
  return (
    <div data-testid="version-writer">
      <Link href={writer.href}>{writer.label}</Link> <StatusBadge status={writer.status} />
      {writer.experiment ? (
        <div className="subtle" data-testid="writer-metrics">
          experiment: {writer.experiment.label} <span className="badge badge-rule">{writer.experiment.rule}</span>
          <div>{writer.experiment.metrics.map((m, i) => <span key={m.key}>{i > 0 ? ' · ' : ''}<span className="mono">{m.key}</span> {formatNumber(m.value)}</span>)}</div>
        </div>
      ) : <div className="subtle">no linked experiment run</div>}
    </div>
  );
}
