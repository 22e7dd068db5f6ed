import 'server-only';
import type { SourceProblem } from '@/lib/model';
import { collectPages, mapLimit } from '@/lib/sources/mlflow/paging';
import { SourceError } from '@/lib/http/source-error';
import { isPageFailureLocal, partialReadMessage } from '@/lib/sources/page-failure';
import { WANDB_LABEL, connectionOf, type Connection, type RunRef, type WandbClient } from './client';
import { projectPath, type ProjectPath } from './map-run';
import type { WireArtifact, WireRun } from './schemas';

export interface SnapshotLimits {
  /** Runs per page (`first`); the Python client asks for 50. */
  pageSize: number;
  /** Artifacts per run fetched with the run; more are paged per run. */
  artifactsPerRun: number;
  /** Page size of those follow-up pages. */
  artifactPageSize: number;
  /** Runs read per project at most. */
  maxRuns: number;
  maxArtifactsPerRun: number;
  /** Projects, and runs with more artifacts, read at once. */
  concurrency: number;
}

export const DEFAULT_LIMITS: SnapshotLimits = { pageSize: 50, artifactsPerRun: 50, artifactPageSize: 100, maxRuns: 20_000, maxArtifactsPerRun: 1_000, concurrency: 4 };

export interface RunWire {
  project: ProjectPath;
  run: WireRun;
  outputs: WireArtifact[];
  inputs: WireArtifact[];
}

export interface SnapshotWire {
  runs: RunWire[];
  /** Projects that exist and were read, as entity/project. */
  projects: string[];
  problems: SourceProblem[];
}

const missingProject = 'W&B has no such project, or the API key may not read it (check WANDB_ENTITY and WANDB_PROJECT)';
const cursorPaging = { source: WANDB_LABEL, tokenName: 'endCursor' };
const asPage = <T>(c: Connection<T>) => ({ items: c.items, next: c.hasNextPage ? c.endCursor : null });

/** The rest of a run's artifacts in one direction, after the first page that came with the run. */
async function moreArtifacts(client: WandbClient, ref: RunRef, direction: 'output' | 'input', first: Connection<WireArtifact>, limits: SnapshotLimits,
  problems: SourceProblem[]): Promise<{ items: WireArtifact[]; capped: boolean }> {
  if (!first.hasNextPage) return { items: first.items, capped: false };
  const what = `${direction}Artifacts of ${ref.entity}/${ref.project}/${ref.name}`;
  // The first page came with the run, so a failing follow-up page leaves a partial list, never an unavailable W&B.
  const rest = await collectPages(async (cursor) => {
    const page = await client.runArtifacts({ ...ref, direction, cursor: cursor ?? first.endCursor ?? undefined, perPage: limits.artifactPageSize });
    return asPage(page ?? { items: [], endCursor: null, hasNextPage: false });
  }, { ...cursorPaging, max: limits.maxArtifactsPerRun, what, pageFailureIsLocal: isPageFailureLocal, continues: true });
  if (rest.partial) problems.push({ where: `${ref.entity}/${ref.project}/${ref.name}`, message: partialReadMessage(`a page of ${what}`, { ...rest.partial, after: first.items.length + rest.partial.after }, 'artifacts') });
  return { items: [...first.items, ...rest.items], capped: rest.capped };
}

const connection = (wire: WireRun, direction: 'output' | 'input'): Connection<WireArtifact> =>
  connectionOf<WireArtifact>(direction === 'output' ? wire.outputArtifacts : wire.inputArtifacts);

async function readProject(client: WandbClient, project: ProjectPath, limits: SnapshotLimits, problems: SourceProblem[], withRuns: boolean): Promise<RunWire[] | null> {
  if (!withRuns) {
    // Runs come through the change feed: one run without artifacts tells that the project exists and is readable.
    const first = await client.projectRuns({ ...project, perPage: 1, artifactsPerRun: 0 });
    if (first === null) problems.push({ where: projectPath(project), message: missingProject });
    return first === null ? null : [];
  }
  let missing = false;
  const runs = await collectPages(async (cursor) => {
    const page = await client.projectRuns({ ...project, cursor, perPage: limits.pageSize, artifactsPerRun: limits.artifactsPerRun, order: '+created_at' });
    if (page === null) missing = true;
    return asPage(page ?? { items: [], endCursor: null, hasNextPage: false });
  }, { ...cursorPaging, max: limits.maxRuns, what: `runs of ${projectPath(project)}` });
  if (missing) {
    problems.push({ where: projectPath(project), message: missingProject });
    return null;
  }
  if (runs.capped) problems.push({ where: projectPath(project), message: `more than ${limits.maxRuns} runs; only the first ${limits.maxRuns} are shown` });
  return withAllArtifacts(client, project, runs.items, limits, problems);
}

/** Runs with the rest of their artifacts: only runs with more than came with them cost a request (two at most per such run). */
export async function withAllArtifacts(client: WandbClient, project: ProjectPath, runs: readonly WireRun[], limits: SnapshotLimits, problems: SourceProblem[]): Promise<RunWire[]> {
  return mapLimit(runs, limits.concurrency, async (run): Promise<RunWire> => {
    const ref = { ...project, name: run.name };
    const [outputs, inputs] = await Promise.all([
      moreArtifacts(client, ref, 'output', connection(run, 'output'), limits, problems),
      moreArtifacts(client, ref, 'input', connection(run, 'input'), limits, problems),
    ]);
    if (outputs.capped || inputs.capped) problems.push({ where: `${projectPath(project)}/${run.name}`, message: `more than ${limits.maxArtifactsPerRun} artifacts; only the first are shown` });
    return { project, run, outputs: outputs.items, inputs: inputs.items };
  });
}

/**
 * Every run of every configured project, with its logged and used artifacts (or, `withRuns: false`, only which
 * projects exist). A project W&B lacks is a problem; an unreachable W&B fails the read.
 */
export async function fetchSnapshotWire(client: WandbClient, projects: readonly ProjectPath[], limits: SnapshotLimits, withRuns = true): Promise<SnapshotWire> {
  const problems: SourceProblem[] = [];
  const read = await mapLimit(projects, limits.concurrency, (p) => readProject(client, p, limits, problems, withRuns));
  const found = projects.filter((_, i) => read[i] !== null);
  if (found.length === 0 && projects.length > 0) {
    const names = projects.map(projectPath).join(', ');
    throw new SourceError({ source: WANDB_LABEL, kind: 'http', message: `${WANDB_LABEL}: no project ${names} exists or is readable with this API key (check WANDB_ENTITY and WANDB_PROJECT)` });
  }
  return { runs: read.flatMap((r) => r ?? []), projects: found.map(projectPath), problems };
}
