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
    tags: run.tags, group: run.group, jobType: run.jobType, commit: run.commit, createdAt: run.createdAt, updatedAt: updatedAtOf(run), heartbeatAt: run.heartbeatAt,
    historyKeys: historyKeys(run.history),
    user: { id: Buffer.from(`User:${run.username}`).toString('base64'), username: run.username },
    sampledHistory: ({ specs }: { specs: string[] }) => specs.map((text) => sampled(run.history, parseSpec(text))),
    outputArtifacts: (args: PageArgs) => page(run.outputs, args, (a) => artifactNode(project, a)),
    inputArtifacts: (args: PageArgs) => page(run.inputs, args, (a) => artifactNode(project, a)),
  };
}

const updatedAtOf = (run: FixtureRun) => run.updatedAt ?? run.heartbeatAt;

/** W&B's times are UTC, written without a zone designator; filters may name a zone. */
function timeOf(text: unknown): number {
  if (typeof text !== 'string') throw new Error(`filter time ${JSON.stringify(text)} is not a string`);
  const ms = Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new Error(`filter time ${JSON.stringify(text)} is not a date`);
  return ms;
}

const TIME_FIELDS: Record<string, (run: FixtureRun) => string> = { createdAt: (r) => r.createdAt, updatedAt: updatedAtOf };
const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  $gt: (a, b) => a > b, $gte: (a, b) => a >= b, $lt: (a, b) => a < b, $lte: (a, b) => a <= b,
};

/** One condition of W&B's MongoDB-style filters: {"state": "running"} or {"updatedAt": {"$gt": "2026-…"}}. */
function matches(run: FixtureRun, field: string, condition: unknown): boolean {
  if (field === 'state') return run.state === condition;
  const value = TIME_FIELDS[field];
  if (!value || typeof condition !== 'object' || condition === null) throw new Error(`filter ${JSON.stringify({ [field]: condition })} is not supported by the stub`);
  return Object.entries(condition).every(([op, operand]) => {
    const compare = COMPARISONS[op];
    if (!compare) throw new Error(`filter operator ${op} is not supported by the stub`);
    return compare(timeOf(value(run)), timeOf(operand));
  });
}

/** filters as the Python client sends them (a JSON string): state, and createdAt/updatedAt with $gt/$gte/$lt/$lte (all must hold). */
function filtered(runs: FixtureRun[], filters: string | null | undefined): FixtureRun[] {
  const parsed: unknown = filters ? JSON.parse(filters) : {};
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`filters ${filters} is not an object`);
  const conditions = Object.entries(parsed);
  return runs.filter((run) => conditions.every(([field, condition]) => matches(run, field, condition)));
}

const ORDER_KEYS: Record<string, (run: FixtureRun) => string> = { created_at: (r) => r.createdAt, updated_at: updatedAtOf };

/** order as W&B takes it: "+created_at", "-created_at", "+updated_at", "-updated_at" (ties by run name). */
function ordered(runs: FixtureRun[], order: string | null | undefined): FixtureRun[] {
  const key = ORDER_KEYS[(order ?? '+created_at').replace(/^[+-]/, '')];
  if (!key) throw new Error(`order ${JSON.stringify(order)} is not supported by the stub`);
  const sorted = [...runs].sort((a, b) => timeOf(key(a)) - timeOf(key(b)) || a.name.localeCompare(b.name));
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
