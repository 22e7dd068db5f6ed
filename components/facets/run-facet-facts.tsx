import { formatDuration, formatTime } from '@/components/ui/format';
import type { RunFacetPanel } from '@/lib/catalog/facet-panels';

const delay = (ms: number) => (Math.abs(ms) < 1000 ? 'on time' : ms > 0 ? `${formatDuration(0, ms)} after the scheduled time` : `${formatDuration(0, -ms)} before the scheduled time`);

/** Run facets: the scheduled (nominal) time against the actual start, the processing engine, environment variables. */
export function RunFacetFacts({ panel }: { panel: RunFacetPanel }) {
  const { nominalTime, engine, environment } = panel;
  return (
    <section className="panel" data-testid="run-facet-facts">
      <h2>Execution</h2>
      <dl className="kv">
        {nominalTime ? (
          <>
            <dt>Scheduled</dt>
            <dd data-testid="nominal-time">
              <span className="mono">{formatTime(Date.parse(nominalTime.scheduledStart))}</span>
              {nominalTime.scheduledEnd ? <> to <span className="mono">{formatTime(Date.parse(nominalTime.scheduledEnd))}</span></> : null}
              {nominalTime.producerLocalStart ? <span className="subtle"> (scheduler&apos;s local time {nominalTime.producerLocalStart})</span> : null}
              {nominalTime.delayMs !== null ? <div className="subtle">Actual start: {delay(nominalTime.delayMs)}</div> : null}
            </dd>
          </>
        ) : null}
        {engine ? (
          <>
            <dt>Processing engine</dt>
            <dd data-testid="processing-engine">{engine.name ?? 'engine'} {engine.version}{engine.adapterVersion ? <span className="subtle"> (OpenLineage adapter {engine.adapterVersion})</span> : null}</dd>
          </>
        ) : null}
      </dl>
      {environment.total > 0 ? (
        <details data-testid="environment-variables">
          <summary>Environment variables ({environment.total}{environment.rows.length < environment.total ? `, showing ${environment.rows.length}` : ''})</summary>
          <table><tbody>{environment.rows.map((v) => <tr key={v.name}><td className="mono">{v.name}</td><td className={v.hidden ? 'subtle' : 'mono'}>{v.value}</td></tr>)}</tbody></table>
        </details>
      ) : null}
    </section>
  );
}
