import type { Facets } from '@/lib/model';

/** One column of a dataset's `schema` facet; nested struct fields are flattened to dotted names. */
export interface SchemaField {
  name: string;
  /** The producer's type string as reported, or '' when the field has none. */
  type: string;
}

export interface SchemaChange {
  name: string;
  from: string;
  to: string;
}

export interface SchemaDiff {
  added: SchemaField[];
  removed: SchemaField[];
  typeChanged: SchemaChange[];
}

type RawField = { name: string; type?: unknown; fields?: unknown };

const isField = (f: unknown): f is RawField =>
  typeof f === 'object' && f !== null && typeof (f as { name?: unknown }).name === 'string';

function flatten(list: unknown, prefix: string, out: SchemaField[]): void {
  if (!Array.isArray(list)) return;
  for (const f of list) {
    if (!isField(f)) continue;
    const name = prefix === '' ? f.name : `${prefix}.${f.name}`;
    out.push({ name, type: typeof f.type === 'string' ? f.type : '' });
    flatten(f.fields, name, out);
  }
}

/**
 * Fields of the OpenLineage `schema` dataset facet, in reported order; null when the facet is absent,
 * so "no schema reported" stays different from "a schema with no fields".
 */
export function schemaFields(facets: Facets): SchemaField[] | null {
  const schema = facets.schema;
  if (typeof schema !== 'object' || schema === null) return null;
  const out: SchemaField[] = [];
  flatten((schema as { fields?: unknown }).fields, '', out);
  return out;
}

/** What changed from `older` to `newer`, by field name; newer's order for added fields, older's for removed. */
export function diffSchemas(older: SchemaField[], newer: SchemaField[]): SchemaDiff {
  const before = new Map(older.map((f) => [f.name, f]));
  const after = new Map(newer.map((f) => [f.name, f]));
  const added = newer.filter((f) => !before.has(f.name));
  const removed = older.filter((f) => !after.has(f.name));
  const typeChanged: SchemaChange[] = [];
  for (const f of newer) {
    const old = before.get(f.name);
    if (old !== undefined && old.type !== f.type) typeChanged.push({ name: f.name, from: old.type, to: f.type });
  }
  return { added, removed, typeChanged };
}

export function isEmptyDiff(diff: SchemaDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.typeChanged.length === 0;
}
