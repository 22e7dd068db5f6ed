import { z } from 'zod';
import { refKey, type DatasetRef, type Facets } from '@/lib/model';
import type { LoadedEvent } from './parse-text';
import type { WireDataset, WireEvent } from './schema';
import { ITEMS_PER_STEP, mapInSteps, runSteps, type Steps } from './steps';

/**
 * One dataset under several names: a Spark path whose `symlinks` facet names the Hive table, the
 * Hive table whose facet names its location. As Marquez and DataHub do, each group of names is one
 * dataset, known by its table name; the other names are its aliases.
 */

const symlinksFacet = z.object({ identifiers: z.array(z.object({ namespace: z.string(), name: z.string(), type: z.string().nullish() })) });

export interface SymlinkResolution {
  /** refKey of an alias → the dataset it is an alias of. */
  canonicalOf: Map<string, DatasetRef>;
  /** refKey of a canonical dataset → its aliases. */
  aliasesOf: Map<string, DatasetRef[]>;
}

interface Group {
  refs: Map<string, DatasetRef>;
  /** How often each name is called a table (a TABLE identifier, or a dataset naming its LOCATION). */
  tableVotes: Map<string, number>;
}

function datasetsOf(wire: WireEvent): Array<{ namespace: string; name: string; facets?: Facets | null }> {
  if (wire.kind === 'dataset') return [wire.event.dataset];
  return [...(wire.event.inputs ?? []), ...(wire.event.outputs ?? [])];
}

/** Groups names linked by symlinks (union-find); a name with no symlink is in no group. Yields every ITEMS_PER_STEP datasets. */
export function* resolveSymlinksSteps(events: readonly LoadedEvent[]): Steps<SymlinkResolution> {
  const parent = new Map<string, string>();
  const refs = new Map<string, DatasetRef>();
  const votes = new Map<string, number>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(k, root);
    return root;
  };
  const add = (ref: DatasetRef): string => {
    const k = refKey(ref);
    if (!parent.has(k)) {
      parent.set(k, k);
      refs.set(k, { namespace: ref.namespace, name: ref.name });
    }
    return k;
  };
  const vote = (k: string) => votes.set(k, (votes.get(k) ?? 0) + 1);
  let seen = 0;
  for (const loaded of events) {
    for (const d of datasetsOf(loaded.wire)) {
      if (++seen % ITEMS_PER_STEP === 0) yield;
      const parsed = d.facets?.symlinks === undefined ? null : symlinksFacet.safeParse(d.facets.symlinks);
      if (!parsed?.success || parsed.data.identifiers.length === 0) continue;
      const self = add(d);
      for (const id of parsed.data.identifiers) {
        const other = add(id);
        if (id.type?.toUpperCase() === 'TABLE') vote(other);
        else if (id.type?.toUpperCase() === 'LOCATION') vote(self);
        const [a, b] = [find(self), find(other)];
        if (a !== b) parent.set(a, b);
      }
    }
  }
  const groups = new Map<string, Group>();
  for (const k of parent.keys()) {
    if (++seen % ITEMS_PER_STEP === 0) yield;
    const root = find(k);
    const g = groups.get(root) ?? { refs: new Map(), tableVotes: new Map() };
    g.refs.set(k, refs.get(k) as DatasetRef);
    g.tableVotes.set(k, votes.get(k) ?? 0);
    groups.set(root, g);
  }
  const canonicalOf = new Map<string, DatasetRef>();
  const aliasesOf = new Map<string, DatasetRef[]>();
  for (const g of groups.values()) {
    // The most-called table wins; ties go to the smallest key, so the choice never depends on event order.
    const keys = [...g.refs.keys()].sort((a, b) => (g.tableVotes.get(b) ?? 0) - (g.tableVotes.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    const chosen = keys[0];
    if (chosen === undefined) continue;
    const canonical = g.refs.get(chosen) as DatasetRef;
    const aliases = keys.slice(1).map((k) => g.refs.get(k) as DatasetRef);
    for (const k of keys.slice(1)) canonicalOf.set(k, canonical);
    if (aliases.length > 0) aliasesOf.set(chosen, aliases);
  }
  return { canonicalOf, aliasesOf };
}

/** resolveSymlinksSteps run to the end at once. */
export const resolveSymlinks = (events: readonly LoadedEvent[]): SymlinkResolution => runSteps(resolveSymlinksSteps(events));

const inputFieldSchema = z.looseObject({ namespace: z.string(), name: z.string() });

/** A columnLineage facet with its input fields' datasets renamed to their canonical names. */
function renameColumnLineage(facet: unknown, canonicalOf: Map<string, DatasetRef>): unknown {
  if (typeof facet !== 'object' || facet === null) return facet;
  const rename = (field: unknown): unknown => {
    const parsed = inputFieldSchema.safeParse(field);
    const target = parsed.success ? canonicalOf.get(refKey(parsed.data)) : undefined;
    return target === undefined ? field : { ...(field as object), namespace: target.namespace, name: target.name };
  };
  const f = facet as { fields?: unknown; dataset?: unknown };
  const fields = typeof f.fields === 'object' && f.fields !== null && !Array.isArray(f.fields)
    ? Object.fromEntries(Object.entries(f.fields).map(([out, v]) => {
      const inputs = (v as { inputFields?: unknown })?.inputFields;
      return [out, Array.isArray(inputs) ? { ...(v as object), inputFields: inputs.map(rename) } : v];
    }))
    : f.fields;
  return { ...f, fields, ...(Array.isArray(f.dataset) ? { dataset: f.dataset.map(rename) } : {}) };
}

function renameDataset<T extends WireDataset | { namespace: string; name: string; facets?: Facets | null }>(d: T, canonicalOf: Map<string, DatasetRef>): T {
  const target = canonicalOf.get(refKey(d));
  const lineage = d.facets?.columnLineage;
  if (target === undefined && lineage === undefined) return d;
  const facets = lineage === undefined ? d.facets : { ...d.facets, columnLineage: renameColumnLineage(lineage, canonicalOf) };
  return { ...d, ...(target === undefined ? {} : { namespace: target.namespace, name: target.name }), facets };
}

function* renamedEvent(loaded: LoadedEvent, canonicalOf: Map<string, DatasetRef>): Steps<LoadedEvent> {
  const { wire } = loaded;
  if (wire.kind === 'dataset') {
    const dataset = renameDataset(wire.event.dataset, canonicalOf);
    return dataset === wire.event.dataset ? loaded : { ...loaded, wire: { kind: 'dataset', event: { ...wire.event, dataset } } };
  }
  let changed = false;
  function* rename(list: WireDataset[] | null | undefined): Steps<WireDataset[] | undefined> {
    if (list == null) return undefined;
    return yield* mapInSteps(list, (d) => {
      const renamed = renameDataset(d, canonicalOf);
      changed ||= renamed !== d;
      return renamed;
    });
  }
  const inputs = yield* rename(wire.event.inputs);
  const event = { ...wire.event, inputs, outputs: yield* rename(wire.event.outputs) };
  if (!changed) return loaded;
  return { ...loaded, wire: wire.kind === 'run' ? { kind: 'run', event: event as typeof wire.event } : { kind: 'job', event } } as LoadedEvent;
}

/** The events with every aliased dataset named by its canonical name (new objects; the wire is never mutated). Yields every ITEMS_PER_STEP datasets. */
export function* applySymlinksSteps(events: readonly LoadedEvent[], canonicalOf: Map<string, DatasetRef>): Steps<LoadedEvent[]> {
  if (canonicalOf.size === 0) return [...events];
  const out: LoadedEvent[] = [];
  for (const loaded of events) out.push(yield* renamedEvent(loaded, canonicalOf));
  return out;
}

/** applySymlinksSteps run to the end at once. */
export const applySymlinks = (events: readonly LoadedEvent[], canonicalOf: Map<string, DatasetRef>): LoadedEvent[] => runSteps(applySymlinksSteps(events, canonicalOf));
