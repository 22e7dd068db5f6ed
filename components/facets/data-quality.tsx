import Link from 'next/link';
import { formatNumber } from '@/components/ui/format';
import type { DataQualityEntry } from '@/lib/catalog/facet-panels';

const cell = (n: number | null) => (n === null ? '—' : formatNumber(n));

function Result({ entry }: { entry: DataQualityEntry }) {
  const { view } = entry;
  return (
    <div data-testid="data-quality-result">
      <h3>
        <Link href={entry.href}>{entry.title}</Link>{entry.note ? <span className="subtle"> {entry.note}</span> : null}{' '}
        {view.assertions.length > 0 ? <span className={`badge ${view.failed > 0 ? 'badge-failed' : 'badge-ok'}`} data-testid="data-quality-summary">{view.failed > 0 ? `${view.failed} failed, ${view.passed} passed` : `all ${view.passed} passed`}</span> : null}
      </h3>
      {view.assertions.length > 0 ? (
        <table>
          <thead><tr><th>Assertion</th><th>Column</th><th>Result</th></tr></thead>
          <tbody>{view.assertions.map((a, i) => (
            <tr key={`${a.assertion}\u0000${a.column ?? ''}\u0000${i}`}>
              <td className="mono">{a.assertion}</td><td className="mono">{a.column ?? <span className="subtle">whole dataset</span>}</td>
              <td><span className={`badge ${a.success ? 'badge-ok' : 'badge-failed'}`}>{a.success ? 'pass' : 'fail'}</span>{a.severity ? <span className="subtle"> {a.severity}</span> : null}</td>
            </tr>
          ))}</tbody>
        </table>
      ) : null}
      {view.rowCount !== null || view.columns.length > 0 ? (
        <table>
          <thead><tr><th>Column</th><th>Nulls</th><th>Distinct</th><th>Count</th><th>Min</th><th>Max</th></tr></thead>
          <tbody>
            {view.rowCount !== null || view.bytes !== null ? <tr><td className="subtle">whole dataset</td><td colSpan={5}>{cell(view.rowCount)} rows{view.bytes !== null ? `, ${formatNumber(view.bytes)} bytes` : ''}</td></tr> : null}
            {view.columns.map((c) => <tr key={c.column}><td className="mono">{c.column}</td><td>{cell(c.nullCount)}</td><td>{cell(c.distinctCount)}</td><td>{cell(c.count)}</td><td>{cell(c.min)}</td><td>{cell(c.max)}</td></tr>)}
          </tbody>
        </table>
      ) : null}
      {view.leftOut > 0 ? <p className="subtle">{view.leftOut} more rows not shown.</p> : null}
    </div>
  );
}

/** dataQualityAssertions (pass/fail per assertion and column) and dataQualityMetrics, one block per dataset or run. */
export function DataQualityPanel({ entries, title = 'Data quality' }: { entries: DataQualityEntry[]; title?: string }) {
  if (entries.length === 0) return null;
  return (
    <section className="panel" data-testid="data-quality">
      <h2>{title}</h2>
      {entries.map((e) => <Result key={e.key} entry={e} />)}
    </section>
  );
}
