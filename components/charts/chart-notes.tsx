import { formatNumber } from '@/components/ui/format';
import { describeSample } from '@/lib/series/downsample';
import { countPoints, describeGaps } from '@/lib/series/prepare';
import type { PreparedChartLine } from '@/lib/series/chart-lines';
import type { SeriesGaps } from '@/lib/series/types';

/** When the server sent a sample: the raw point count and raw gap counts, so the notes describe the whole run. */
export type ChartSample = { total: number; sampled: boolean; gaps: SeriesGaps; readLimit?: number | null; sampledFrom?: number | null };

/** The point counts of the caption: the raw series' when the server sampled it. */
export function pointCounts(prepared: PreparedChartLine[], samples: Array<ChartSample | undefined>): string {
  return prepared.map((p, i) => countPoints(samples[i]?.total ?? p.series.total)).join(' · ');
}

/** Min / max / last of each line, then what was sampled, what is a gap and what the log scale left out. */
export function ChartNotes({ prepared, samples }: { prepared: PreparedChartLine[]; samples: Array<ChartSample | undefined> }) {
  return prepared.map((p, i) => {
    const sample = samples[i];
    const sampleNote = describeSample(p.series.data.length, sample?.total ?? p.series.total, sample?.sampled ?? false, sample?.readLimit, sample?.sampledFrom);
    const gapNote = describeGaps(sample?.gaps ?? p.series.gaps);
    const prefix = prepared.length > 1 ? `${p.key}: ` : '';
    return (
      <div key={p.key} className="chart-notes">
        <p className="chart-stats mono" data-testid="chart-stats">{prefix}{p.stats ? <>min {formatNumber(p.stats.min)} · max {formatNumber(p.stats.max)} · last {formatNumber(p.stats.last)}</> : 'no finite values'}</p>
        {sampleNote !== null && <p className="subtle" data-testid="sample-note">{prefix}{sampleNote}</p>}
        {gapNote !== null && <p className="subtle">{prefix}{gapNote}</p>}
        {p.notPositive > 0 ? <p className="subtle">{prefix}{countPoints(p.notPositive)} ≤ 0 left out on the log scale.</p> : null}
      </div>
    );
  });
}
