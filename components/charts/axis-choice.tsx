'use client';

import Link from 'next/link';
import type { CSSProperties } from 'react';
import type { ChartAxis } from '@/lib/series/chart-axis';

const OPTIONS: Array<{ axis: ChartAxis; label: string; title: string }> = [
  { axis: 'step', label: 'Step', title: 'Each value at the step it was logged at' },
  { axis: 'time', label: 'Relative', title: "Each value at the time since the series' first point" },
  { axis: 'wall', label: 'Wall time', title: 'Each value at the UTC time it was logged' },
];
const group: CSSProperties = { display: 'inline-flex', gap: 0, alignItems: 'center', fontSize: 13 };
const option = (on: boolean, i: number): CSSProperties => ({
  padding: '2px 10px', fontSize: 13, borderRadius: i === 0 ? '6px 0 0 6px' : i === OPTIONS.length - 1 ? '0 6px 6px 0' : 0, borderWidth: 1, borderStyle: 'solid', textDecoration: 'none',
  background: on ? 'var(--accent)' : 'var(--field)', color: on ? 'var(--panel)' : 'var(--text)', borderColor: on ? 'var(--accent)' : 'var(--border)',
});

type Change = { onChange: (next: ChartAxis) => void } | { hrefs: Record<ChartAxis, string> };

/**
 * Step, relative time or wall time on the charts' horizontal axis: buttons where the page changes it in place,
 * links where the choice is part of a server-rendered URL (the compare page's other links keep it too).
 */
export function AxisChoice({ axis, ...change }: { axis: ChartAxis } & Change) {
  return (
    <span role="group" aria-label="Horizontal axis" style={group} data-testid="axis-choice">
      <span className="subtle" style={{ marginRight: 6 }}>x axis</span>
      {OPTIONS.map((o, i) => {
        const common = { title: o.title, style: option(axis === o.axis, i), 'data-testid': `axis-${o.axis}` };
        // aria-pressed belongs to buttons only; a link says which view it is with aria-current.
        return 'hrefs' in change ? (
          <Link key={o.axis} href={change.hrefs[o.axis]} scroll={false} className="button" aria-current={axis === o.axis ? 'true' : undefined} {...common}>{o.label}</Link>
        ) : (
          <button key={o.axis} type="button" onClick={() => change.onChange(o.axis)} aria-pressed={axis === o.axis} {...common}>{o.label}</button>
        );
      })}
    </span>
  );
}
