import 'server-only';
import path from 'node:path';
import type { MetricPoint, SourceHealth, SourceProblem } from '@/lib/model';
import type { ExperimentSnapshot, ExperimentSource } from '@/lib/sources/ports';
import { compareHistory, LOCAL_HISTORY_READ_LIMIT } from '../shared/metric-values';
import { buildHealth, emptySnapshot } from '../shared/snapshot';
import { assembleSnapshot } from './assemble';
import { keyPath } from './fs-read';
import { readMetricHistory } from './metric-file-read';
import type { RunEntry } from './read-run';
import { FileStoreScanner } from './scan';

export const FILE_SOURCE_ID = 'mlflow-files';
export const FILE_SOURCE_LABEL = 'MLflow (mlruns file store)';

export interface FileStoreOptions {
  /** Minimum time between two change checks; new runs show up after at most this long. */
  checkIntervalMs?: number;
}

interface Loaded {
  snapshot: ExperimentSnapshot;
  runEntries: Map<string, RunEntry>;
  problems: SourceProblem[];
  error: string | null;
}

class FileStoreSource implements ExperimentSource {
  readonly id = FILE_SOURCE_ID;
  private readonly scanner: FileStoreScanner;
  private readonly checkIntervalMs: number;
  private loaded: Loaded = { snapshot: emptySnapshot(0), runEntries: new Map(), problems: [], error: null };
  private fingerprint: string | null = null;
  private lastCheckEnd = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<Loaded> | null = null;

  constructor(
    private readonly root: string,
    options: FileStoreOptions,
  ) {
    this.scanner = new FileStoreScanner(root, FILE_SOURCE_ID);
    this.checkIntervalMs = options.checkIntervalMs ?? 1_000;
  }

  async snapshot(): Promise<ExperimentSnapshot> {
    return (await this.refresh()).snapshot;
  }

  async health(): Promise<SourceHealth> {
    const { snapshot, problems, error } = await this.refresh();
    const label = FILE_SOURCE_LABEL;
    return buildHealth({ id: this.id, label, location: this.root, snapshot, problems, error, details: {} });
  }

  /**
   * The first `maxPoints` points of a history (the file's first lines: logging order), sorted as get-history
   * sorts; the file is read in chunks up to them, never whole. The catalog asks one past its bound to say "more".
   */
  async metricHistory(runId: string, key: string, maxPoints = LOCAL_HISTORY_READ_LIMIT): Promise<MetricPoint[]> {
    const entry = (await this.refresh()).runEntries.get(runId);
    if (!entry) return [];
    // A key logged after the last scan is not listed yet; keyPath refuses keys that would leave metrics/.
    const file = entry.metricFiles.get(key) ?? keyPath(path.join(/*turbopackIgnore: true*/ entry.dir, 'metrics'), key);
    let read: Awaited<ReturnType<typeof readMetricHistory>> = null;
    try {
      read = file === null ? null : await readMetricHistory(file, Math.max(0, Math.floor(maxPoints)));
    } catch {
      // Not a readable file (a folder, no permission): the same as no history; the scan reports the run.
    }
    return read === null ? [] : read.points.sort(compareHistory);
  }

  /** At most one scan at a time and one per interval; concurrent callers share it. */
  private refresh(): Promise<Loaded> {
    if (this.inFlight) return this.inFlight;
    if (performance.now() - this.lastCheckEnd < this.checkIntervalMs) return Promise.resolve(this.loaded);
    this.inFlight = this.check().finally(() => {
      this.lastCheckEnd = performance.now();
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async check(): Promise<Loaded> {
    try {
      const scan = await this.scanner.scan();
      if (scan.fingerprint === this.fingerprint && this.loaded.error === null) return this.loaded;
      const assembled = assembleSnapshot(scan, this.loaded.snapshot.version + 1);
      this.fingerprint = scan.fingerprint;
      this.loaded = { ...assembled, error: null };
    } catch (error) {
      const message = `${this.root}: ${error instanceof Error ? error.message : String(error)}`;
      this.fingerprint = null;
      if (this.loaded.error !== message) {
        const snapshot = emptySnapshot(this.loaded.snapshot.version + 1);
        this.loaded = { snapshot, runEntries: new Map(), problems: [], error: message };
      }
    }
    return this.loaded;
  }
}

export function createFileStoreSource(root: string, options: FileStoreOptions = {}): ExperimentSource {
  return new FileStoreSource(root, options);
}
