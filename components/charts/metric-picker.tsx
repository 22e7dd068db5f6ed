'use client';

import { MAX_CHARTED } from '@/lib/queries/metric-history-selection';

interface MetricPickerProps {
  historyKeys: string[];
  selected: string[];
  onChange(next: string[]): void;
}

/** Which histories to chart: each one costs an upstream request, so at most MAX_CHARTED at once. */
export function MetricPicker({ historyKeys, selected, onChange }: MetricPickerProps) {
  const chosen = new Set(selected);
  const full = selected.length >= MAX_CHARTED;
  const toggle = (key: string) => onChange(chosen.has(key) ? selected.filter((k) => k !== key) : [...selected, key]);
  return (
    <details className="metric-picker" data-testid="metric-picker">
      <summary>
        Charting {selected.length} of {historyKeys.length} metrics logged over steps — choose (at most {MAX_CHARTED})
      </summary>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', marginTop: 8 }}>
        {historyKeys.map((key) => (
          <label key={key} className="mono" style={{ fontSize: 13 }}>
            <input type="checkbox" checked={chosen.has(key)} disabled={!chosen.has(key) && full} onChange={() => toggle(key)} /> {key}
          </label>
        ))}
      </div>
    </details>
  );
}
