import type { RunUnfurl } from '@/lib/catalog/run-unfurl';

export const OG_SIZE = { width: 1200, height: 630, chartWidth: 1080, chartHeight: 250 };

const STATUS_COLOURS: Record<string, string> = { COMPLETED: '#16a34a', FAILED: '#dc2626', RUNNING: '#2563eb' };

/** Drawn by satori (next/og): flex layout and inline styles only. */
export function OgRunCard({ unfurl, chart }: { unfurl: Pick<RunUnfurl, 'title' | 'status' | 'runName' | 'metrics'>; chart: { key: string; points: string } | null }) {
  const colour = STATUS_COLOURS[unfurl.status] ?? '#6b7280';
  const job = unfurl.title.slice(0, unfurl.title.lastIndexOf(' · '));
  return (
    <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', padding: 60, background: '#0f1218', color: '#e6e8ee', fontSize: 28 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 20 }}>
        <div style={{ display: 'flex', padding: '6px 22px', borderRadius: 30, background: colour, color: '#fff', fontSize: 30, fontWeight: 700 }}>{unfurl.status}</div>
        <div style={{ display: 'flex', color: '#a3abba' }}>Runlens</div>
      </div>
      <div style={{ display: 'flex', fontSize: 52, fontWeight: 700, marginTop: 24 }}>{job.slice(0, 60)}</div>
      {unfurl.runName ? <div style={{ display: 'flex', color: '#a3abba', marginTop: 4 }}>{unfurl.runName.slice(0, 80)}</div> : null}
      <div style={{ display: 'flex', gap: 40, marginTop: 24 }}>
        {unfurl.metrics.map((m) => (
          <div key={m.key} style={{ display: 'flex', flexDirection: 'column' }}>
            <div style={{ display: 'flex', color: '#a3abba', fontSize: 22 }}>{m.key.slice(0, 30)}</div>
            <div style={{ display: 'flex', fontSize: 36, fontWeight: 700 }}>{m.value}</div>
          </div>
        ))}
      </div>
      {chart ? (
        <div style={{ display: 'flex', flexDirection: 'column', marginTop: 'auto' }}>
          <div style={{ display: 'flex', color: '#a3abba', fontSize: 20 }}>{chart.key.slice(0, 60)}</div>
          <svg width={OG_SIZE.chartWidth} height={OG_SIZE.chartHeight} viewBox={`0 0 ${OG_SIZE.chartWidth} ${OG_SIZE.chartHeight}`}>
            <polyline points={chart.points} fill="none" stroke="#7aa2ff" strokeWidth={4} />
          </svg>
        </div>
      ) : null}
    </div>
  );
}
