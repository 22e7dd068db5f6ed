/** Marquez node ids: `job:<ns>:<name>`, `dataset:<ns>:<name>`, `datasetField:<ns>:<name>:<field>`. */
export type NodeId =
  | { type: 'job'; namespace: string; name: string; version: string | null }
  | { type: 'dataset'; namespace: string; name: string; version: string | null }
  | { type: 'datasetField'; namespace: string; name: string; field: string };

export const jobNodeId = (namespace: string, name: string): string => `job:${namespace}:${name}`;
export const datasetNodeId = (namespace: string, name: string): string => `dataset:${namespace}:${name}`;
export const fieldNodeId = (namespace: string, name: string, field: string): string => `datasetField:${namespace}:${name}:${field}`;

/**
 * NodeId.parts: when splitting on ':' and '#' gives exactly the expected count, those are the
 * parts; otherwise the id is cut at the first colons that are not followed by '//' or a digit
 * (so `s3://bucket` and `host:5432` survive) and the rest, colons and all, is the last part.
 */
function parts(value: string, expected: number): string[] | null {
  const naive = value.split(/[:#]/);
  while (naive.length > 0 && naive[naive.length - 1] === '') naive.pop(); // Java's split drops trailing empties
  if (naive.length < expected) return null;
  if (naive.length === expected) return naive;
  const cut = /:(?!\/\/|\d)/g;
  const out: string[] = [];
  let previous = 0;
  for (let i = 0; i < expected - 1; i++) {
    const match = cut.exec(value);
    if (match === null) return null;
    out.push(value.slice(previous, match.index));
    previous = match.index + 1;
  }
  out.push(value.slice(previous));
  return out;
}

function splitVersion(name: string): { name: string; version: string | null } {
  const at = name.indexOf('#');
  return at < 0 ? { name, version: null } : { name: name.slice(0, at), version: name.slice(at + 1) };
}

/** Null when the id does not have Marquez's shape (the server answers 400 then). */
export function parseNodeId(value: string): NodeId | null {
  if (value.startsWith('datasetField:')) {
    const p = parts(value, 4);
    if (p === null) return null;
    const [, namespace = '', name = '', field = ''] = p;
    return { type: 'datasetField', namespace, name, field };
  }
  const type = value.startsWith('job:') ? 'job' : value.startsWith('dataset:') ? 'dataset' : null;
  const p = type === null ? null : parts(value, 3);
  if (type === null || p === null) return null;
  const [, namespace = '', rest = ''] = p;
  return { type, namespace, ...splitVersion(rest) };
}
