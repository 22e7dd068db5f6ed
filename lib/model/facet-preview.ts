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

/** Facet text one page shows in all: past it, a facet is named with its size only (its download stays). */
export const FACETS_PAGE_BYTES = 1024 * 1024;

export function facetPreviews(facets: Record<string, unknown>, maxBytes = FACET_PAGE_BYTES, totalBytes = FACETS_PAGE_BYTES): FacetPreview[] {
  let left = totalBytes;
  return Object.entries(facets).map(([name, value]) => {
    const json = JSON.stringify(value, null, 2) ?? 'null';
    const bytes = Buffer.byteLength(json, 'utf8');
    const room = Math.max(0, Math.min(maxBytes, left));
    left -= Math.min(bytes, room);
    return bytes <= room ? { name, json, bytes, truncated: false } : { name, json: json.slice(0, room), bytes, truncated: true };
  });
}
