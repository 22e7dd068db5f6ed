import { z } from 'zod';
import type { Facets } from '@/lib/model';
import type { SchemaField } from './explorer-api';

/**
 * The dataset facets the explorer reads (schema, columnLineage), checked only when read: a facet of
 * an unexpected shape yields null, so one producer's odd facet never costs the view.
 */

const schemaFacet = z.looseObject({
  fields: z.array(z.looseObject({ name: z.string(), type: z.string().nullish(), description: z.string().nullish() })).nullish(),
});

// Each input field is read on its own: one malformed entry (a missing namespace) costs that entry, not the facet.
const transformation = z.looseObject({ type: z.string(), subtype: z.string().nullish() });
const inputField = z.looseObject({ namespace: z.string(), name: z.string(), field: z.string(), transformations: z.array(z.unknown()).nullish() });
const columnLineageShape = z.looseObject({ fields: z.record(z.string(), z.unknown()).nullish(), dataset: z.array(z.unknown()).nullish() });

/** OpenLineage transformation type: DIRECT (the value flows: IDENTITY, TRANSFORMATION, AGGREGATION) or INDIRECT (it only steers: JOIN, FILTER, GROUP_BY, SORT, WINDOW, CONDITIONAL). */
export type ColumnTransform = 'direct' | 'indirect';

export interface InputField {
  namespace: string;
  name: string;
  field: string;
  /** Direct unless every transformation reported is INDIRECT (no transformations: the facet's older form, direct). */
  transform: ColumnTransform;
  /** The transformations' subtypes (IDENTITY, JOIN, …), de-duplicated. */
  subtypes: string[];
}

export interface ColumnLineage {
  /** Output field → the input fields it comes from. */
  fields: Map<string, InputField[]>;
  /** Input fields the output dataset as a whole depends on (the facet's dataset-level `dataset` list: filters, joins, sorts). */
  dataset: InputField[];
  /** Entries left out because they are malformed (e.g. an input field without a namespace). */
  malformed: number;
}

export function schemaFieldsOf(facets: Facets): SchemaField[] | null {
  const parsed = schemaFacet.safeParse(facets.schema);
  if (!parsed.success || !parsed.data.fields) return null;
  return parsed.data.fields.map((f) => ({ name: f.name, type: f.type ?? null, description: f.description ?? null }));
}

function readInputFields(list: unknown, count: { malformed: number }): InputField[] {
  if (!Array.isArray(list)) {
    if (list != null) count.malformed++;
    return [];
  }
  const out: InputField[] = [];
  for (const raw of list) {
    const parsed = inputField.safeParse(raw);
    if (!parsed.success) {
      count.malformed++;
      continue;
    }
    const ts = (parsed.data.transformations ?? []).flatMap((t) => {
      const read = transformation.safeParse(t);
      return read.success ? [read.data] : [];
    });
    const indirect = ts.length > 0 && ts.every((t) => t.type.toUpperCase() === 'INDIRECT');
    const subtypes = [...new Set(ts.map((t) => t.subtype).filter((t): t is string => typeof t === 'string' && t !== ''))];
    out.push({ namespace: parsed.data.namespace, name: parsed.data.name, field: parsed.data.field, transform: indirect ? 'indirect' : 'direct', subtypes });
  }
  return out;
}

/** The OpenLineage ColumnLineageDatasetFacet, its valid parts kept; null when there is none or it is not an object of that shape. */
export function columnLineageOf(facets: Facets): ColumnLineage | null {
  if (facets.columnLineage === undefined) return null;
  const parsed = columnLineageShape.safeParse(facets.columnLineage);
  if (!parsed.success) return null;
  const count = { malformed: 0 };
  const fields = new Map<string, InputField[]>();
  for (const [out, f] of Object.entries(parsed.data.fields ?? {})) {
    fields.set(out, readInputFields((f as { inputFields?: unknown } | null)?.inputFields, count));
  }
  return { fields, dataset: readInputFields(parsed.data.dataset, count), malformed: count.malformed };
}
