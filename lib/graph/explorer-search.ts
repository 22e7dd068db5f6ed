import type { NodeRef } from './explorer-node-param';

/**
 * Name search over a snapshot, for sources without a search endpoint. Case-insensitive; the best
 * matches first: the exact name, a name prefix, a word prefix (after . / _ - : or space), anywhere in the name,
 * then anywhere in the namespace.
 */

const WORD_START = /[./_\-:\s]/;

function rank(ref: NodeRef, q: string): number | null {
  const name = ref.name.toLowerCase();
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  const at = name.indexOf(q);
  if (at > 0) return WORD_START.test(name.charAt(at - 1)) || name.split(WORD_START).some((w) => w.startsWith(q)) ? 2 : 3;
  return ref.namespace.toLowerCase().includes(q) ? 4 : null;
}

/**
 * Datasets found by one of their other names (`symlinks`: a table's location path, a path's table):
 * the alias is ranked as a name would be, and the dataset it names is the hit.
 */
export function matchAliases(datasets: Iterable<{ ref: NodeRef; aliases: readonly NodeRef[] }>, query: string, limit: number): NodeRef[] {
  const canonicalOf = new Map<NodeRef, NodeRef>();
  for (const d of datasets) for (const alias of d.aliases) canonicalOf.set(alias, d.ref);
  const seen = new Set<string>();
  return matchNodes(canonicalOf.keys(), query, Number.MAX_SAFE_INTEGER).flatMap((alias) => {
    const ref = canonicalOf.get(alias) as NodeRef;
    const key = `${ref.namespace}\u0000${ref.name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [ref];
  }).slice(0, limit);
}

export function matchNodes(refs: Iterable<NodeRef>, query: string, limit: number): NodeRef[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const hits: Array<{ ref: NodeRef; rank: number }> = [];
  for (const ref of refs) {
    const r = rank(ref, q);
    if (r !== null) hits.push({ ref, rank: r });
  }
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.ref.name.length - b.ref.name.length ||
      (a.ref.name < b.ref.name ? -1 : a.ref.name > b.ref.name ? 1 : 0) ||
      (a.ref.kind === b.ref.kind ? 0 : a.ref.kind === 'job' ? -1 : 1),
  );
  return hits.slice(0, limit).map((h) => h.ref);
}
