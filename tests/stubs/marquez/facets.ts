import type { JsonObject, SchemaField } from './state';

/** Reading facets the way Marquez's typed LineageEvent does: a field of the wrong type counts as absent. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, ...path: string[]): JsonObject | null {
  let current: unknown = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return isObject(current) ? current : null;
}

export function stringAt(value: unknown, ...path: string[]): string | null {
  const last = path[path.length - 1];
  const parent = objectAt(value, ...path.slice(0, -1));
  const found = parent !== null && last !== undefined ? parent[last] : undefined;
  return typeof found === 'string' ? found : null;
}

/** Newest wins per facet name, as Marquez's facet queries pick the latest row of each name. */
export function mergeFacets(target: JsonObject, incoming: unknown): void {
  if (!isObject(incoming)) return;
  for (const [name, facet] of Object.entries(incoming)) target[name] = facet;
}

export function schemaFields(datasetFacets: unknown): SchemaField[] | null {
  const raw = objectAt(datasetFacets, 'schema')?.fields;
  if (!Array.isArray(raw)) return null;
  return raw.filter(isObject).flatMap((field) => {
    const name = field.name;
    if (typeof name !== 'string') return [];
    const type = typeof field.type === 'string' ? field.type : null;
    const description = typeof field.description === 'string' ? field.description : null;
    return [{ name, type, description }];
  });
}

/** OpenLineageDao.formatNamespaceName: characters outside [a-zA-Z0-9:/._@+-] become '_'. */
export function formatNamespaceName(namespace: string): string {
  return namespace.replace(/[^a-z:/A-Z0-9\-_.@+]/g, '_');
}
