import 'server-only';
import type { UnifiedRun } from '@/lib/model';
import { runLabel, runStatus } from '@/lib/model/run-fields';
import { chartedKeys } from '@/lib/queries/metric-history-selection';
import { historyKeysOf } from './run-page-model';
import { datasetRows } from './run-detail';
import type { RunIndex } from './run-index';

/** How many metrics and input versions a chat preview names: a preview is a glance, not a table. */
const UNFURL_METRICS = 3;
const UNFURL_INPUTS = 2;

export interface RunUnfurl {
  /** "groot-data-etl.deduplication · COMPLETED" */
  title: string;
  /** Key metrics, then the input versions read ("dedup_rate 0.163 · read s3://bucket/raw@4743f87a"). */
  description: string;
  status: string;
  runName: string | null;
  metrics: Array<{ key: string; value: string }>;
  /** The metric the preview image charts: the run page's first chart. */
  mainMetric: string | null;
}

const number = (v: number) => (Number.isFinite(v) ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(4).replace(/\.?0+$/, '')) : String(v));

function countOf(shown: number, total: number, noun: string): string {
  return total > shown ? ` (${shown} of ${total} ${noun})` : '';
}

/** What a pasted run link says in Slack or Teams: job and state, key metrics and the data versions it read. */
export function runUnfurl(index: RunIndex, run: UnifiedRun): RunUnfurl {
  const status = runStatus(run);
  const all = Object.entries(run.experiment?.metrics ?? {}).sort(([a], [b]) => a.localeCompare(b));
  // Final/summary metrics first (logged at step 0), as they are what a glance wants.
  const ranked = [...all.filter(([, p]) => p.step === 0), ...all.filter(([, p]) => p.step !== 0)];
  const metrics = ranked.slice(0, UNFURL_METRICS).map(([key, p]) => ({ key, value: number(p.value) }));
  const inputs = datasetRows(index, run).inputs;
  const read = inputs.slice(0, UNFURL_INPUTS).map((d) => `${d.name}@${d.version ?? 'unversioned'}`);
  const parts = [
    metrics.length > 0 ? metrics.map((m) => `${m.key} ${m.value}`).join(', ') + countOf(metrics.length, all.length, 'metrics') : 'No metrics',
    read.length > 0 ? `read ${read.join(', ')}${countOf(read.length, inputs.length, 'inputs')}` : 'no input datasets reported',
  ];
  return {
    title: `${runLabel(run)} · ${status}`,
    description: parts.join(' · '),
    status,
    runName: run.experiment?.runName ?? null,
    metrics,
    mainMetric: chartedKeys(historyKeysOf(run), null)[0] ?? null,
  };
}
