import { FACET_PAGE_BYTES } from '@/lib/model/facet-preview';
import { redactDeep } from '@/lib/security/secrets';

/** Bytes of facets one API answer carries at most; facets beyond it are listed in `facetsCut` like big ones. */
export const API_FACETS_BYTES = 1024 * 1024;
/** Facets named in `facetsCut` at most (`facetsTotal` counts every facet). */
export const API_FACETS_CUT_LIMIT = 1000;

export interface ApiFacetCut {
  name: string;
  /** Size of the facet's JSON. */
  bytes: number;
  /** Where the raw value downloads. */
  href: string;
}

export interface ApiFacets {
  facets: Record<string, unknown>;
  facetsCut: ApiFacetCut[];
  facetsTotal: number;
}

/**
 * A run's facets as the API answers them, cut the way pages cut them: a facet over 64 KB (or past 1 MB of
 * facets in all) is left out and named with its size and the URL of its raw value (`?facet=<name>`). What is
 * kept is redacted again (configured credentials too), as every raw facet that leaves the server is.
 */
export function apiFacets(facets: Readonly<Record<string, unknown>>, rawHref: (name: string) => string): ApiFacets {
  const kept: Record<string, unknown> = {};
  const cut: ApiFacetCut[] = [];
  let used = 0;
  let total = 0;
  for (const [name, value] of Object.entries(facets)) {
    total += 1;
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
    if (bytes <= FACET_PAGE_BYTES && used + bytes <= API_FACETS_BYTES) {
      kept[name] = redactDeep(value);
      used += bytes;
    } else if (cut.length < API_FACETS_CUT_LIMIT) cut.push({ name, bytes, href: rawHref(name) });
  }
  return { facets: kept, facetsCut: cut, facetsTotal: total };
}
