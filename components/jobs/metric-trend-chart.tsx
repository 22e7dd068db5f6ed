'use client';

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendPoint } from '@/lib/catalog/job-page-model';

/** One metric's latest value per run; x is the run's position (oldest first), labelled by its start date. */
export function MetricTrendChart({ metricKey, points, note }: { metricKey: string; points: TrendPoint[]; note: string | null }) {
  const data = points.map((p, i) => ({ x: i, label: p.label, value: p.value }));
  const label = (x: unknown) => (typeof x === 'number' ? (points[x]?.label ?? '') : '');
  return (
    <figure className="chart-card" data-testid="metric-trend" data-metric={metricKey} style={{ margin: 0 }}>
      <figcaption><strong className="mono">{metricKey}</strong> <span className="subtle">{points.length} runs</span></figcaption>
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} ticks={data.map((d) => d.x)} tickFormatter={label} fontSize={11} />
          <YAxis domain={['auto', 'auto']} fontSize={11} width={56} />
          <Tooltip labelFormatter={label} />
          <Line type="linear" dataKey="value" name={metricKey} stroke="#2563eb" strokeWidth={1.5} connectNulls={false} dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      {note ? <p className="subtle" style={{ margin: 0 }}>{note}</p> : null}
    </figure>
  );
}
