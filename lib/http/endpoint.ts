/**
 * A request path built from a route template, so metrics are labelled by `/namespaces/{namespace}/jobs`
 * and not by every namespace: `routePath('/namespaces/{namespace}/jobs', { namespace })`.
 * Each value is percent-encoded as one path segment.
 */
export interface RoutePath {
  path: string;
  template: string;
}

export function routePath(template: string, params: Record<string, string> = {}): RoutePath {
  const path = template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`routePath: no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
  return { path, template };
}

// Segments that look like data rather than a route: ids, numbers, encoded or long names.
const VARIABLE_SEGMENT = /%|\d{4,}|^[0-9a-f-]{16,}$|^.{33,}$/i;

/** Fallback label for callers that give no template: data-looking segments become `{}`. */
export function endpointOf(pathname: string): string {
  return pathname.split('/').map((s) => (VARIABLE_SEGMENT.test(s) ? '{}' : s)).join('/');
}
