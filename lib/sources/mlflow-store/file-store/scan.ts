import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { SourceProblem } from '@/lib/model';
import { listEntries, Pacer, stampOf } from './fs-read';
import { experimentStamp, readExperiment, type ExperimentEntry } from './read-experiment';
import { readRegistry, type RegistryEntry } from './read-registry';
import { emptyRunEntry, isSettled, readRun, runStamp, topStamp, type RunEntry } from './read-run';

/** Folders inside an experiment that are not runs (MLflow 2.x datasets/tags, 3.x logged models and traces). */
const NOT_RUNS: ReadonlySet<string> = new Set(['datasets', 'tags', 'models', 'traces']);

/**
 * A finished run is re-stamped on one scan in this many, so a check stays cheap with 10,000 runs; an edit to it
 * (a tag added later) shows within that many scans. New, active and problem runs are checked on every scan.
 */
export const SETTLED_ROTATION = 10;

export interface ScanResult {
  /** Equal fingerprints mean nothing observable changed since the previous scan. */
  fingerprint: string;
  experiments: ExperimentEntry[];
  runs: { experimentId: string; entry: RunEntry }[];
  registry: RegistryEntry;
  problems: SourceProblem[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Spreads runs over the rotation by their id, so each scan checks about the same number. */
function slotOf(dir: string): number {
  let hash = 0;
  for (let i = 0; i < dir.length; i += 1) hash = (hash * 31 + dir.charCodeAt(i)) | 0;
  return Math.abs(hash) % SETTLED_ROTATION;
}

/**
 * Walks mlruns/, re-reading only the experiments, runs and registry whose stamps changed since the last scan.
 * Entries with problems are re-read every scan: a file caught half-written by MLflow must heal without a stamp change.
 */
export class FileStoreScanner {
  private experiments = new Map<string, ExperimentEntry>();
  private runs = new Map<string, RunEntry>();
  private registry: RegistryEntry | null = null;
  private scans = 0;

  constructor(
    private readonly root: string,
    private readonly source: string,
  ) {}

  async scan(): Promise<ScanResult> {
    const rootStamp = this.rootStamp();
    const pacer = new Pacer();
    const problems: SourceProblem[] = [];
    const tick = this.scans++ % SETTLED_ROTATION;

    const experiments: ExperimentEntry[] = [];
    for (const { dir, inTrash } of this.experimentDirs()) {
      const experiment = this.experiment(dir, inTrash, problems);
      if (experiment) experiments.push(experiment);
      await pacer.step();
    }
    this.experiments = new Map(experiments.map((e) => [e.dir, e]));

    const runs: ScanResult['runs'] = [];
    for (const experiment of experiments) {
      for (const entry of listEntries(experiment.dir)) {
        if (!entry.isDirectory() || NOT_RUNS.has(entry.name)) continue;
        const dir = path.join(/*turbopackIgnore: true*/ experiment.dir, entry.name);
        runs.push({ experimentId: experiment.id, entry: this.run(dir, experiment.id, tick) });
        await pacer.step();
      }
    }
    this.runs = new Map(runs.map((r) => [r.entry.dir, r.entry]));

    const registry = this.readRegistry();
    // Problems are part of the fingerprint, so a healed file changes it even when no stamp did.
    const allProblems = [
      ...problems,
      ...experiments.flatMap((e) => e.problems),
      ...runs.flatMap((r) => r.entry.problems),
      ...registry.problems,
    ];
    const fingerprint = [
      rootStamp,
      ...experiments.map((e) => `${e.dir}=${e.stamp}`),
      ...runs.map((r) => `${r.entry.dir}=${r.entry.stamp}`),
      registry.stamp,
      ...allProblems.map((p) => `${p.where}:${p.line ?? ''}:${p.message}`),
    ].join('\n');
    return { fingerprint, experiments, runs, registry, problems };
  }

  /** Throws a readable error when the root is missing or not a folder: the whole store is unavailable. */
  private rootStamp(): string {
    const stat = fs.statSync(this.root, { throwIfNoEntry: false });
    if (stat === undefined) throw new Error('directory not found');
    if (!stat.isDirectory()) throw new Error('not a directory');
    return `${stat.mtimeMs}`;
  }

  /** Experiment folders at the root and in .trash/ (deleted experiments); models/ is the registry. */
  private experimentDirs(): { dir: string; inTrash: boolean }[] {
    const dirs: { dir: string; inTrash: boolean }[] = [];
    for (const entry of listEntries(this.root)) {
      if (!entry.isDirectory() || entry.name === 'models' || entry.name.startsWith('.')) continue;
      dirs.push({ dir: path.join(/*turbopackIgnore: true*/ this.root, entry.name), inTrash: false });
    }
    for (const entry of listEntries(path.join(/*turbopackIgnore: true*/ this.root, '.trash'))) {
      if (entry.isDirectory()) dirs.push({ dir: path.join(/*turbopackIgnore: true*/ this.root, '.trash', entry.name), inTrash: true });
    }
    return dirs;
  }

  private experiment(dir: string, inTrash: boolean, problems: SourceProblem[]): ExperimentEntry | null {
    try {
      const stamp = experimentStamp(dir);
      const cached = this.experiments.get(dir);
      if (cached && cached.problems.length === 0 && cached.stamp === stamp) return cached;
      return readExperiment(dir, inTrash, stamp, (p) => problems.push(p));
    } catch (error) {
      problems.push({ where: dir, message: `${errorMessage(error)}; experiment skipped` });
      return null;
    }
  }

  /** An unreadable run (permissions, I/O error) becomes a problem of that run, not of the whole store. */
  private run(dir: string, experimentId: string, tick: number): RunEntry {
    const cached = this.runs.get(dir);
    if (cached && isSettled(cached) && slotOf(dir) !== tick) return cached;
    try {
      const top = topStamp(dir);
      if (cached && cached.problems.length === 0 && cached.stamp === runStamp(top, cached)) return cached;
      return readRun(dir, experimentId, top, this.source);
    } catch (error) {
      const entry = emptyRunEntry(dir);
      entry.problems.push({ where: dir, message: `${errorMessage(error)}; run skipped` });
      return entry;
    }
  }

  private readRegistry(): RegistryEntry {
    const cached = this.registry;
    try {
      if (cached && cached.problems.length === 0 && cached.stamp === stampOf(cached.watchPaths)) return cached;
      this.registry = readRegistry(path.join(/*turbopackIgnore: true*/ this.root, 'models'));
    } catch (error) {
      const problem = { where: path.join(/*turbopackIgnore: true*/ this.root, 'models'), message: `${errorMessage(error)}; registry skipped` };
      this.registry = { models: [], watchPaths: [], stamp: '', problems: [problem] };
    }
    return this.registry;
  }
}
