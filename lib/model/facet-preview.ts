/**
 * Facet values shown in pages are capped: a 10 MB facet made a 21 MB page. Each facet over the cap is
 * shown as its first characters with its size; the raw value stays downloadable from the API.
 */

export const FACET_PAGE_BYTES = 64 * 1024;

export interface FacetPreview {
  name: string;
  /** Pretty JSON, cut at FACET_PAGE_BYTES characters when `truncated`. */
  json: string;
  bytes: number;
  truncated: boolean;
}

export function facetPreviews(facets: Record<string, unknown>, maxBytes = FACET_PAGE_BYTES): FacetPreview[] {
  return Object.entries(facets).map(([name, value]) => {
    const json = JSON.stringify(value, null, 2) ?? 'null';
    const bytes = Buffer.byteLength(json, 'utf8');
    return bytes <= maxBytes ? { name, json, bytes, truncated: false } : { name, json: json.slice(0, maxBytes), bytes, truncated: true };
  });
}
