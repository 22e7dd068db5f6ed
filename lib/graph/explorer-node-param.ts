/**
 * The explorer's node ids, which are also the `node`, `expand` and `selected` URL values:
 *
 *   <kind>:<encodeURIComponent(namespace)>:<encodeURIComponent(name)>      kind = job | dataset
 *
 * Encoding removes every ':' (and ',') from the two parts, so a valid value holds exactly two ':'
 * and splits one way whatever the namespace holds (`postgres://host:5432`). The same string as
 * lib/graph/ids `datasetNodeId(ns, name, null)` and lib/openlineage/node-id. Built and parsed only here.
 */

export type ExplorerNodeKind = 'job' | 'dataset';

export interface NodeRef {
  kind: ExplorerNodeKind;
  namespace: string;
  name: string;
}

export type NodeParamResult = { ok: true; ref: NodeRef } | { ok: false; message: string };

const KINDS: readonly string[] = ['job', 'dataset'];
const EXAMPLE = 'dataset:postgres%3A%2F%2Fhost%3A5432:public.orders';

export function buildNodeParam(ref: NodeRef): string {
  return `${ref.kind}:${encodeURIComponent(ref.namespace)}:${encodeURIComponent(ref.name)}`;
}

/** A column of a dataset: never a URL value, only a graph id; the field part is encoded the same way. */
export function fieldNodeId(dataset: { namespace: string; name: string }, field: string): string {
  return `field:${encodeURIComponent(dataset.namespace)}:${encodeURIComponent(dataset.name)}:${encodeURIComponent(field)}`;
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

const isKind = (s: string): s is ExplorerNodeKind => KINDS.includes(s);

/** The inverse of buildNodeParam; every failure says what a valid value looks like. */
export function parseNodeParam(value: string): NodeParamResult {
  const colon = value.indexOf(':');
  const kind = colon < 0 ? value : value.slice(0, colon);
  if (!isKind(kind)) return { ok: false, message: `"${value}" must start with "job:" or "dataset:"` };
  const parts = value.slice(colon + 1).split(':');
  if (parts.length !== 2) {
    return { ok: false, message: `"${value}" must be ${kind}:<namespace>:<name> with both parts URI-encoded (':' as %3A), e.g. ${EXAMPLE}` };
  }
  const namespace = decode(parts[0] ?? '');
  const name = decode(parts[1] ?? '');
  if (namespace === null || name === null) return { ok: false, message: `"${value}" is not valid percent-encoding` };
  if (namespace === '' || name === '') return { ok: false, message: `"${value}" needs a namespace and a name` };
  return { ok: true, ref: { kind, namespace, name } };
}

export function sameRef(a: NodeRef, b: NodeRef): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}
