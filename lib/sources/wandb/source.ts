import 'server-only';
import { createHash } from 'node:crypto';
import { WANDB_SOURCE_ID, type ExperimentRun, type SourceHealth, type SourceProblem } from '@/lib/model';
import { displayUrl } from '@/lib/http/display-url';
import { MAX_LISTED_PROBLEMS, ProblemList } from '@/lib/sources/mlflow-store/shared/problems';
import { emptySnapshot, snapshotCounts } from '@/lib/sources/mlflow-store/shared/snapshot';
import type { ChangeFeed, ExperimentSnapshot, ExperimentSource, MetricHistoryRead } from '@/lib/sources/ports';
import { RemoteSnapshot } from '@/lib/sources/remote-snapshot';
import { processSharedReads, readShared, type SharedReadCodec, type SharedReadStore } from '@/lib/sources/shared-reads';
import { WANDB_LABEL, connectionOf, createWandbClient, type RunRef } from './client';
import { createWandbChangeFeed, type WandbFeedPacing } from './change-feed';
import { DEFAULT_LIMITS, fetchSnapshotWire, type SnapshotLimits, type SnapshotWire } from './fetch-snapshot';
import { historyPoints, loggedCount } from './history';
import { mapArtifacts } from './map-artifacts';
import { mapRun, projectPath } from './map-run';
import { wandbRunUrl } from './run-url';
import type { WireArtifact } from './schemas';

export const WANDB_SOURCE_LABEL = 'W&B';

export interface WandbSourceOptions {
  baseUrl: string;
  apiKey: string;
  entity: string;
  projects: string[];
  timeoutMs?: number;
  /** At most one refresh per interval; 0 refreshes on every snapshot(). Default 15 000 ms. */
  refreshIntervalMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Points asked of sampledHistory per metric; W&B samples longer histories. Default 10 000. */
  historySamples?: number;
  limits?: Partial<SnapshotLimits>;
  /** False: snapshot() holds which projects exist only; runs reach the index through changeFeed(). Default true. */
  snapshotRuns?: boolean;
  pacing?: Partial<WandbFeedPacing>;
  /** The change feed's clock (tests simulate minutes). */
  feedClock?: () => number;
  /** Where replicas share which projects exist; default the process's (the run index). */
  sharedReads?: () => SharedReadStore | null;
}

/** The port plus a direct lookup by run path. */
export interface WandbSource extends ExperimentSource {
  /** A run by entity/project/runId, asked of W&B (null when it has no such run). */
  run(path: string): Promise<ExperimentRun | null>;
  /** The runs of the configured projects, read by creation then by update time (change-feed.ts). */
  changeFeed(): ChangeFeed;
}

interface Loaded {
  snapshot: ExperimentSnapshot;
  problems: SourceProblem[];
  fingerprint: string;
  /** How old the read was when taken (a copy another replica read). */
  ageMs: number;
}

/** Which projects exist, as replicas share it in the index (without runs: those come through the feed). */
const PROJECTS_JSON: SharedReadCodec<SnapshotWire> = {
  encode: (wire) => JSON.stringify({ projects: wire.projects, problems: wire.problems }),
  decode: (parsed) => {
    const value = parsed as Partial<SnapshotWire> | null;
    return value !== null && Array.isArray(value.projects) && Array.isArray(value.problems) ? { runs: [], projects: value.projects, problems: value.problems } : null;
  },
};

/** Same answers, same fingerprint: the snapshot version moves only when W&B's data did. */
const fingerprintOf = (wire: SnapshotWire) => createHash('sha1').update(JSON.stringify([wire.runs, wire.projects])).digest('hex');

/** entity/project/runId → its parts; null for anything else. */
export function parseRunPath(path: string): RunRef | null {
  const parts = path.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) return null;
  const [entity = '', project = '', name = ''] = parts;
  return { entity, project, name };
}

/**
 * Runs of the configured W&B projects over W&B's GraphQL API. snapshot() refreshes at most every
 * `refreshIntervalMs` and keeps serving the last good snapshot while W&B fails.
 */
export function createWandbSource(options: WandbSourceOptions): WandbSource {
  const client = createWandbClient(options);
  const limits: SnapshotLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const projects = options.projects.map((project) => ({ entity: options.entity, project }));
  const location = `${displayUrl(options.baseUrl)} (${projects.map(projectPath).join(', ')})`;
  let version = 0;

  function build(wire: SnapshotWire, fingerprint: string): Loaded {
    const problems = new ProblemList();
    for (const p of wire.problems) problems.add(p);
    const runs = new Map<string, ExperimentRun>();
    for (const w of wire.runs) {
      const run = mapRun(w.run, w.project, mapArtifacts(w.outputs, w.inputs), (p) => problems.add(p));
      runs.set(`${run.experimentId}/${run.runId}`, run);
    }
    version += 1;
    const experiments = new Map(wire.projects.map((p) => [p, { id: p, name: p }]));
    return { snapshot: { version, runs, experiments, models: [] }, problems: problems.toArray(), fingerprint, ageMs: 0 };
  }

  // What the change feed met (a missing project, capped artifacts), once each however often it recurs; bounded like /health's list.
  const feedProblems = new Map<string, SourceProblem>();
  const reportFeedProblem = (p: SourceProblem) => {
    const key = `${p.where}\u0000${p.message}`;
    if (feedProblems.has(key) || feedProblems.size < MAX_LISTED_PROBLEMS) feedProblems.set(key, p);
  };

  const interval = options.refreshIntervalMs ?? 15_000;
  const withRuns = options.snapshotRuns ?? true;
  const sharedKey = `wandb-projects:v1:${createHash('sha1').update(location).digest('hex').slice(0, 16)}`;
  const remote = new RemoteSnapshot<Loaded>(WANDB_LABEL, interval, async (previous) => {
    const ask = () => fetchSnapshotWire(client, projects, limits, withRuns);
    // Without runs, replicas on one index ask W&B once for all (shared-reads.ts).
    const { value: wire, ageMs } = withRuns ? { value: await ask(), ageMs: 0 } : await readShared((options.sharedReads ?? processSharedReads)(), sharedKey, interval, ask, PROJECTS_JSON);
    const fingerprint = fingerprintOf(wire);
    return { ...(previous !== null && previous.fingerprint === fingerprint ? previous : build(wire, fingerprint)), ageMs };
  }, (loaded) => loaded.ageMs);

  // Only configured projects are ever asked: a path naming another entity/project would query it with our key.
  const configured = new Set(projects.map(projectPath));
  const configuredRef = (ref: RunRef | null): RunRef | null => (ref !== null && configured.has(projectPath(ref)) ? ref : null);

  /** A run path of a configured project, or a bare run id looked up in the snapshot (ids are unique only per project). */
  async function refOf(runKey: string): Promise<RunRef | null> {
    const path = parseRunPath(runKey);
    if (path) return configuredRef(path);
    const { snapshot } = await remote.get();
    const run = [...snapshot.runs.values()].find((r) => r.runId === runKey);
    if (!run) return null;
    const [entity = '', project = ''] = run.experimentId.split('/');
    return { entity, project, name: run.runId };
  }

  /** W&B's own sample of the history (at most historySamples rows); `sampledFrom` says how many points it was taken from. */
  async function metricHistory(runKey: string, key: string): Promise<MetricHistoryRead> {
    const ref = await refOf(runKey);
    if (!ref) return [];
    const read = await client.sampledHistory({ ...ref, keys: ['_step', '_timestamp', key], samples: options.historySamples ?? 10_000 });
    if (read === null) return [];
    const points: MetricHistoryRead = historyPoints(read.rows, key);
    const logged = loggedCount(read.historyKeys, key);
    if (logged !== null && logged > points.length) points.sampledFrom = logged;
    return points;
  }

  async function run(path: string): Promise<ExperimentRun | null> {
    const ref = configuredRef(parseRunPath(path));
    if (!ref) return null;
    const wire = await client.run({ ...ref, artifactsPerRun: limits.artifactsPerRun });
    if (!wire) return null;
    // Problems of a single lookup have no /health entry to go to; the snapshot reports the same run's.
    const datasets = mapArtifacts(connectionOf<WireArtifact>(wire.outputArtifacts).items, connectionOf<WireArtifact>(wire.inputArtifacts).items);
    return mapRun(wire, ref, datasets, () => undefined);
  }

  async function health(): Promise<SourceHealth> {
    const loaded = await remote.get().catch(() => null);
    const listed = new Set((loaded?.problems ?? []).map((p) => `${p.where}\u0000${p.message}`));
    const problems = [...(loaded?.problems ?? []), ...[...feedProblems].flatMap(([key, p]) => (listed.has(key) ? [] : [p]))];
    const { status, error, details } = remote.report(problems.length);
    return {
      id: WANDB_SOURCE_ID,
      label: WANDB_SOURCE_LABEL,
      kind: 'experiment',
      configured: true,
      location,
      status,
      counts: snapshotCounts(loaded?.snapshot ?? emptySnapshot(0), options.snapshotRuns ?? true),
      problems,
      error,
      details: { entity: options.entity, projects: options.projects.join(', '), auth: 'api key (HTTP Basic api:<key>)', ...details },
      checkedAt: remote.current.checkedAt.toISOString(),
    };
  }

  return {
    id: WANDB_SOURCE_ID,
    snapshot: async () => (await remote.get()).snapshot,
    metricHistory,
    run,
    runUrl: (r) => {
      const [entity = '', project = ''] = r.experimentId.split('/');
      return wandbRunUrl(options.baseUrl, entity, project, r.runId);
    },
    health,
    changeFeed: () => createWandbChangeFeed(WANDB_SOURCE_ID, WANDB_SOURCE_LABEL, { client, projects, limits, pacing: options.pacing, now: options.feedClock, report: reportFeedProblem }),
  };
}
