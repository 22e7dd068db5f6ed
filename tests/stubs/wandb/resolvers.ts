import { artifactDigest, type FixtureArtifact, type FixtureProject, type FixtureRun, type HistoryRow } from './fixtures';

/** Relay cursors as W&B sends them: opaque base64 strings. */
const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString('base64');
function indexOf(cursor: string | null | undefined): number {
  if (!cursor) return -1;
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new Error(`invalid cursor ${JSON.stringify(cursor)}`);
  return Number(match[1]);
}

interface PageArgs {
  after?: string | null;
  first?: number | null;
}

/** A forward page of a list: `first` items after the `after` cursor (W&B's default page is 50). */
function page<T, N>(items: T[], args: PageArgs, node: (item: T) => N) {
  const start = indexOf(args.after) + 1;
  const first = Math.max(0, args.first ?? 50);
  const slice = items.slice(start, start + first);
  const edges = slice.map((item, i) => ({ node: node(item), cursor: cursorOf(start + i) }));
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: start + first < items.length } };
}

function artifactNode(project: FixtureProject, a: FixtureArtifact) {
  const id = Buffer.from(`Artifact:${a.collection}:${a.versionIndex}`).toString('base64');
  return {
    id, digest: artifactDigest(a), versionIndex: a.versionIndex, state: 'COMMITTED', metadata: JSON.stringify({ uri: a.uri }),
    artifactType: { id: Buffer.from(`ArtifactType:${a.type}`).toString('base64'), name: a.type },
    artifactSequence: { id: Buffer.from(`ArtifactSequence:${a.collection}`).toString('base64'), name: a.collection, project: projectNode(project) },
    aliases: a.aliases.map((alias) => ({ id: Buffer.from(`Alias:${a.collection}:${alias}`).toString('base64'), alias })),
  };
}

interface HistorySpec {
  keys: string[];
  samples: number;
}

function parseSpec(text: string): HistorySpec {
  const spec: unknown = JSON.parse(text);
  const keys = typeof spec === 'object' && spec !== null && 'keys' in spec && Array.isArray(spec.keys) ? spec.keys.filter((k): k is string => typeof k === 'string') : [];
  const samples = typeof spec === 'object' && spec !== null && 'samples' in spec && typeof spec.samples === 'number' ? spec.samples : 500;
  return { keys, samples };
}

/** Rows holding every requested metric key, cut to the asked keys and evenly sampled down to `samples` (first and last kept). */
function sampled(history: HistoryRow[], spec: HistorySpec): Array<Record<string, number>> {
  const metricKeys = spec.keys.filter((k) => !k.startsWith('_'));
  const rows = history.filter((row) => metricKeys.every((k) => k in row)).map((row) => Object.fromEntries(spec.keys.filter((k) => k in row).map((k) => [k, row[k] as number])));
  if (rows.length <= spec.samples || spec.samples < 2) return rows.slice(0, Math.max(spec.samples, 0));
  const stride = (rows.length - 1) / (spec.samples - 1);
  return Array.from({ length: spec.samples }, (_, i) => rows[Math.round(i * stride)] as Record<string, number>);
}

/** W&B's index of a run's history: each key with its value types, and the last step. */
function historyKeys(history: HistoryRow[]) {
  const keys: Record<string, { typeCounts: Array<{ type: string; count: number }> }> = {};
  for (const row of history) {
    for (const key of Object.keys(row)) {
      const entry = (keys[key] ??= { typeCounts: [{ type: 'number', count: 0 }] });
      (entry.typeCounts[0] as { count: number }).count += 1;
    }
  }
  return { lastStep: history.at(-1)?._step ?? 0, keys };
}

function runNode(project: FixtureProject, run: FixtureRun) {
  return {
    id: run.storageId, name: run.name, displayName: run.displayName, state: run.state, config: run.config, summaryMetrics: run.summaryMetrics,
    tags: run.tags, group: run.group, jobType: run.jobType, commit: run.commit, createdAt: run.createdAt, heartbeatAt: run.heartbeatAt,
    historyKeys: historyKeys(run.history),
    user: { id: Buffer.from(`User:${run.username}`).toString('base64'), username: run.username },
    sampledHistory: ({ specs }: { specs: string[] }) => specs.map((text) => sampled(run.history, parseSpec(text))),
    outputArtifacts: (args: PageArgs) => page(run.outputs, args, (a) => artifactNode(project, a)),
    inputArtifacts: (args: PageArgs) => page(run.inputs, args, (a) => artifactNode(project, a)),
  };
}

/** filters as the Python client sends them (a JSON string); the stub understands {} and {"state": …}. */
function filtered(runs: FixtureRun[], filters: string | null | undefined): FixtureRun[] {
  const parsed: unknown = filters ? JSON.parse(filters) : {};
  const state = typeof parsed === 'object' && parsed !== null && 'state' in parsed ? parsed.state : undefined;
  return typeof state === 'string' ? runs.filter((r) => r.state === state) : runs;
}

function ordered(runs: FixtureRun[], order: string | null | undefined): FixtureRun[] {
  const field = (order ?? '+created_at').replace(/^[+-]/, '');
  if (field !== 'created_at') throw new Error(`order ${JSON.stringify(order)} is not supported by the stub`);
  const sorted = [...runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
  return order?.startsWith('-') ? sorted.reverse() : sorted;
}

function projectNode(project: FixtureProject) {
  return {
    id: Buffer.from(`Project:${project.entity}/${project.name}`).toString('base64'),
    name: project.name,
    entityName: project.entity,
    runs: (args: PageArgs & { filters?: string | null; order?: string | null }) =>
      page(ordered(filtered(project.runs, args.filters), args.order), args, (r) => runNode(project, r)),
    run: ({ name }: { name: string }) => {
      const found = project.runs.find((r) => r.name === name);
      return found ? runNode(project, found) : null;
    },
  };
}

/** The root value graphql-js executes against: `project` is null for a project the entity lacks, as W&B answers. */
export function rootValue(projects: FixtureProject[]) {
  return {
    project: ({ name, entityName }: { name?: string | null; entityName?: string | null }) => {
      const found = projects.find((p) => p.name === name && p.entity === entityName);
      return found ? projectNode(found) : null;
    },
  };
}
