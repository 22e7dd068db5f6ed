/**
 * Node and edge ids. Each part is URI-encoded, so the ':' and '>' separators never occur inside
 * a part (`postgres://host:5432` cannot collide with another split) and ids are safe in the CSS
 * attribute selectors @xyflow builds from them.
 */

const part = (s: string): string => encodeURIComponent(s);

export function runNodeId(runId: string): string {
  return `run:${part(runId)}`;
}

/** A null version has one part fewer than any string version (even ''), so the two never meet. */
export function datasetNodeId(namespace: string, name: string, version: string | null): string {
  const base = `dataset:${part(namespace)}:${part(name)}`;
  return version === null ? base : `${base}:${part(version)}`;
}

export function edgeId(from: string, to: string): string {
  return `${from}>${to}`;
}
