import 'server-only';
import type { MetricPoint } from '@/lib/model';
import { isMoreRecent, parseInteger, parseMetricNumber } from '../shared/metric-values';

export interface MetricLineProblem {
  /** 1-based. */
  line: number;
  message: string;
}

export interface ParsedMetricFile {
  /** In file order. */
  points: MetricPoint[];
  problems: MetricLineProblem[];
}

/** "timestamp value [step [dataset_name dataset_digest [run_id]]]": MLflow 1.x wrote 2 fields, 2.x 3, 3.x up to 5. */
const FIELD_COUNTS: ReadonlySet<number> = new Set([2, 3, 5, 6]);

function parseLine(line: string): MetricPoint | string {
  const fields = line.trim().split(/[ \t]+/);
  if (!FIELD_COUNTS.has(fields.length)) return `expected 2, 3 or 5 fields, found ${fields.length}`;
  const [tsText = '', valueText = '', stepText] = fields;
  const timestamp = parseInteger(tsText);
  if (timestamp === null) return `timestamp ${JSON.stringify(tsText)} is not an integer`;
  const value = parseMetricNumber(valueText);
  if (value === null) return `value ${JSON.stringify(valueText)} is not a number`;
  const step = stepText === undefined ? 0 : parseInteger(stepText);
  if (step === null) return `step ${JSON.stringify(stepText)} is not an integer`;
  return { step, timestamp, value };
}

/** One bad line is reported with its number and skipped; the rest of the history still loads. */
export function parseMetricFile(text: string): ParsedMetricFile {
  const points: MetricPoint[] = [];
  const problems: MetricLineProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const parsed = parseLine(raw);
    if (typeof parsed === 'string') problems.push({ line: index + 1, message: parsed });
    else points.push(parsed);
  });
  return { points, problems };
}

/** The point MLflow reports as the metric's current value, or null for an empty history. */
export function latestPoint(points: readonly MetricPoint[]): MetricPoint | null {
  let latest: MetricPoint | null = null;
  for (const point of points) if (latest === null || isMoreRecent(point, latest)) latest = point;
  return latest;
}
