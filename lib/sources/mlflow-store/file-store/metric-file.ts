import 'server-only';
import type { MetricPoint } from '@/lib/model';
import { parseInteger, parseMetricNumber } from '../shared/metric-values';

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

/** A metric line is under 100 bytes; one past this is not MLflow's and is skipped, never held whole. */
const MAX_LINE_CHARS = 4_096;

export interface MetricLineVisitor {
  /** Return false to stop reading (enough points). */
  point(point: MetricPoint): boolean;
  problem(problem: MetricLineProblem): void;
}

/**
 * Splits text fed in chunks into numbered lines and parses each: memory stays at one chunk and one line,
 * whatever the file's size. `feed` returns false once the visitor has stopped.
 */
export class MetricLineReader {
  private tail = '';
  private overlong = false;
  private line = 0;
  private stopped = false;

  constructor(private readonly visitor: MetricLineVisitor) {}

  feed(text: string): boolean {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1 && !this.stopped; end = text.indexOf('\n', start)) {
      this.finishLine(text.slice(start, end));
      start = end + 1;
    }
    if (this.stopped) return false;
    this.appendTail(text.slice(start));
    return true;
  }

  end(): void {
    if (!this.stopped && (this.tail !== '' || this.overlong)) this.finishLine('');
  }

  private appendTail(text: string): void {
    if (this.overlong) return;
    this.tail += text;
    if (this.tail.length > MAX_LINE_CHARS) {
      this.overlong = true;
      this.tail = '';
    }
  }

  private finishLine(rest: string): void {
    this.appendTail(rest);
    const raw = this.tail;
    const overlong = this.overlong;
    this.tail = '';
    this.overlong = false;
    this.line++;
    if (overlong) return this.visitor.problem({ line: this.line, message: `longer than ${MAX_LINE_CHARS} characters` });
    if (raw.trim() === '') return;
    const parsed = parseLine(raw);
    if (typeof parsed === 'string') this.visitor.problem({ line: this.line, message: parsed });
    else if (!this.visitor.point(parsed)) this.stopped = true;
  }
}

/** One bad line is reported with its number and skipped; the rest of the history still loads. */
export function parseMetricFile(text: string): ParsedMetricFile {
  const points: MetricPoint[] = [];
  const problems: MetricLineProblem[] = [];
  const reader = new MetricLineReader({ point: (p) => points.push(p) > 0, problem: (p) => problems.push(p) });
  reader.feed(text);
  reader.end();
  return { points, problems };
}
