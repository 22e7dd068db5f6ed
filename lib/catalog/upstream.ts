import 'server-only';
import { datasetHref, jobHref, runHref } from '@/lib/api/links';
import { datasetUri, type LineageRun, type LinkRule, type UnifiedRun, type UpstreamLineage, type UpstreamRun } from '@/lib/model';
import { getSources, type LineageSource } from '@/lib/sources';
import { cachedUpstream } from './run-cache';
import { runStatus } from '@/lib/model/run-fields';
import { findRun, loadRuns, type RunIndex } from './run-index';
import { sharedUpstreamWalk } from './upstream-cache';

export const DEFAULT_UPSTREAM_DEPTH = 5;
export const MAX_UPSTREAM_DEPTH = 20;

const LOCAL_BASIS = "Walked from the runs' own OpenLineage events: each input is the exact version the run read, and the run that wrote it.";

/** Any requested depth becomes a whole number in 0…MAX_UPSTREAM_DEPTH; junk gets the default. */
export function clampDepth(depth: number | undefined, max: number = MAX_UPSTREAM_DEPTH): number {
  if (depth === undefined || !Number.isFinite(depth)) return DEFAULT_UPSTREAM_DEPTH;
  return Math.min(max, Math.max(0, Math.trunc(depth)));
}

function toUpstreamRun(run: LineageRun, depth: number): UpstreamRun {
  return {
    runId: run.runId,
    job: { namespace: run.job.namespace, name: run.job.name },
    state: run.state,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    inputs: run.inputs.map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, producedByRunId: d.producedByRunId })),
    ...(run.inputsTotal !== undefined ? { inputsTotal: run.inputsTotal } : {}),
    depth,
  };
}

/**
 * Breadth first through the producers of the exact versions read. Each run is visited once, so a
 * cycle (a run reading what a later run of its own descendants wrote) ends instead of looping.
 * `max` caps the depth (audits walk further than the run page).
 */
export function walkUpstream(index: RunIndex, start: LineageRun, depth: number, max: number = MAX_UPSTREAM_DEPTH): UpstreamLineage {
  const limit = clampDepth(depth, max);
  const seen = new Set([start.runId]);
  const queue: Array<{ run: LineageRun; depth: number }> = [{ run: start, depth: 0 }];
  let truncated = false;
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i];
    if (item === undefined) break;
    for (const input of item.run.inputs) {
      const producer = input.producedByRunId ? findRun(index, input.producedByRunId)?.lineage : null;
      if (!producer || seen.has(producer.runId)) continue;
      if (item.depth >= limit) {
        truncated = true;
        continue;
      }
      seen.add(producer.runId);
      queue.push({ run: producer, depth: item.depth + 1 });
    }
  }
  return { runs: queue.map((q) => toUpstreamRun(q.run, q.depth)), truncated, basis: LOCAL_BASIS };
}

/** Runs a walk reads per level at most: a pathological fan-in stops here (the walk then says it was cut). */
const MAX_LOADED_PER_LEVEL = 500;

/**
 * Loads from the index the producers of `start`'s inputs, level by level up to `depth`: walkUpstream
 * then looks them up synchronously. One query per level.
 */
export async function loadUpstream(index: RunIndex, start: LineageRun, depth: number): Promise<void> {
  let frontier: LineageRun[] = [start];
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const producers = [...new Set(frontier.flatMap((r) => r.inputs.flatMap((d) => (d.producedByRunId ? [d.producedByRunId] : []))))];
    frontier = (await loadRuns(index, producers.slice(0, MAX_LOADED_PER_LEVEL))).flatMap((r) => (r.lineage ? [r.lineage] : []));
  }
}

/** walkUpstream over runs loaded from the index first. */
async function walkLoaded(index: RunIndex, start: LineageRun, depth: number): Promise<UpstreamLineage> {
  await loadUpstream(index, start, depth);
  return walkUpstream(index, start, depth);
}

/**
 * The runs upstream of `run`. A lineage source that answers this itself (Marquez) is asked; when it
 * fails, the snapshot is walked instead and `basis` says so. Sources are a parameter for tests.
 */
export async function upstreamOf(index: RunIndex, run: UnifiedRun, depth: number = DEFAULT_UPSTREAM_DEPTH,
  sources: LineageSource[] = getSources().lineage): Promise<UpstreamLineage> {
  const lineage = run.lineage;
  if (!lineage) return { runs: [], truncated: false, basis: 'This run has no OpenLineage side, so no lineage source knows what it read.' };
  const limit = clampDepth(depth);
  const source = sources.find((s) => s.id === lineage.source);
  if (!source?.upstream) return walkLoaded(index, lineage, limit);
  try {
    return await cachedUpstream(source, lineage.runId, limit, runStatus(run));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const local = await walkLoaded(index, lineage, limit);
    return { ...local, basis: `${source.id} could not list this run's upstream runs (${message}). ${local.basis}` };
  }
}

export interface UpstreamInputView {
  label: string;
  version: string | null;
  href: string;
  /** Null for a raw input: no tracked run wrote the version read. */
  producer: { label: string; href: string } | null;
}

export interface UpstreamRunView {
  runId: string;
  href: string;
  depth: number;
  job: { label: string; href: string };
  state: string;
  startedAt: string | null;
  /** The first UPSTREAM_INPUTS_SHOWN datasets it read; `inputsTotal` counts them all. */
  inputs: UpstreamInputView[];
  inputsTotal: number;
  /** The linked experiment run, or null with `linkNote` saying why. */
  experiment: { label: string; rule: LinkRule } | null;
  linkNote: string | null;
}

/** Datasets listed per upstream run, and runs listed: a run may read 100,000 datasets (its own page pages them). */
export const UPSTREAM_INPUTS_SHOWN = 20;
export const UPSTREAM_RUNS_SHOWN = 200;

export interface UpstreamPanelModel {
  /** The first UPSTREAM_RUNS_SHOWN runs of the walk, nearest first; `runsTotal` counts them all. */
  runs: UpstreamRunView[];
  runsTotal: number;
  truncated: boolean;
  depth: number;
  basis: string;
}

function joinStatus(index: RunIndex, runId: string): Pick<UpstreamRunView, 'experiment' | 'linkNote'> {
  const unified = findRun(index, runId);
  if (!unified) return { experiment: null, linkNote: 'not linked (the run is not among the loaded runs)' };
  if (!unified.experiment || !unified.link) return { experiment: null, linkNote: 'not linked' };
  return { experiment: { label: unified.experiment.runName ?? unified.experiment.runId, rule: unified.link.rule }, linkNote: null };
}

/** Adds links and each run's join status, so the panel only renders. */
export function upstreamPanelModel(index: RunIndex, lineage: UpstreamLineage, depth: number): UpstreamPanelModel {
  const jobOf = new Map(lineage.runs.map((r) => [r.runId, r.job.name]));
  const producer = (id: string) => {
    const found = findRun(index, id);
    return { label: jobOf.get(id) ?? found?.lineage?.job.name ?? id, href: runHref(found?.id ?? id) };
  };
  const runs = lineage.runs.slice(0, UPSTREAM_RUNS_SHOWN).map((r): UpstreamRunView => ({
    runId: r.runId,
    href: runHref(findRun(index, r.runId)?.id ?? r.runId),
    depth: r.depth,
    job: { label: r.job.name, href: jobHref(r.job.namespace, r.job.name) },
    state: r.state,
    startedAt: r.startedAt,
    inputs: r.inputs.slice(0, UPSTREAM_INPUTS_SHOWN).map((d) => ({
      label: datasetUri(d),
      version: d.version,
      href: datasetHref(d.namespace, d.name),
      producer: d.producedByRunId ? producer(d.producedByRunId) : null,
    })),
    inputsTotal: r.inputsTotal ?? r.inputs.length,
    ...joinStatus(index, r.runId),
  }));
  return { runs, runsTotal: lineage.runs.length, truncated: lineage.truncated, depth, basis: lineage.basis };
}

/** The runs the panel names (the runs shown and the producers of their inputs shown), loaded for their join status and links. */
async function loadShown(index: RunIndex, lineage: UpstreamLineage): Promise<void> {
  const shown = lineage.runs.slice(0, UPSTREAM_RUNS_SHOWN);
  await loadRuns(index, [...shown.map((r) => r.runId), ...shown.flatMap((r) => r.inputs.slice(0, UPSTREAM_INPUTS_SHOWN).map((d) => d.producedByRunId))]);
}

/** What the run page's upstream panel shows; the walk is shared with other views of the run (upstream-cache.ts). */
export async function runUpstreamModel(index: RunIndex, run: UnifiedRun, depth?: number): Promise<UpstreamPanelModel> {
  const limit = clampDepth(depth);
  const lineage = await sharedUpstreamWalk(index, run, limit, () => upstreamOf(index, run, limit));
  await loadShown(index, lineage);
  return upstreamPanelModel(index, lineage, limit);
}
