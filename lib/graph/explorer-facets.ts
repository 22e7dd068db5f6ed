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

const inputField = z.looseObject({ namespace: z.string(), name: z.string(), field: z.string() });
const columnLineageFacet = z.looseObject({
  fields: z.record(z.string(), z.looseObject({ inputFields: z.array(inputField).nullish() })),
});

export interface InputField {
  namespace: string;
  name: string;
  field: string;
}

export function schemaFieldsOf(facets: Facets): SchemaField[] | null {
  const parsed = schemaFacet.safeParse(facets.schema);
  if (!parsed.success || !parsed.data.fields) return null;
  return parsed.data.fields.map((f) => ({ name: f.name, type: f.type ?? null, description: f.description ?? null }));
}

/** Output field → the input fields it is derived from (OpenLineage ColumnLineageDatasetFacet). */
export function columnLineageOf(facets: Facets): Map<string, InputField[]> | null {
  if (facets.columnLineage === undefined) return null;
  const parsed = columnLineageFacet.safeParse(facets.columnLineage);
  if (!parsed.success) return null;
  return new Map(
    Object.entries(parsed.data.fields).map(([out, f]) => [out, (f.inputFields ?? []).map((i) => ({ namespace: i.namespace, name: i.name, field: i.field }))]),
  );
}
