import type { Facets } from '@/lib/model';
import { facetSchemaProblem, type FacetPlace } from './facet-schemas';

export const EMPTY_FACETS: Facets = Object.freeze({});

/** A newer facet refused because it fails its schema while the one it would replace passes. */
export interface RefusedFacet {
  place: FacetPlace;
  name: string;
  reason: string;
}

/**
 * Facets merged by name, the newer replacing the older, except that a facet failing its schema never
 * replaces a valid one (Spark's COMPLETE `parent` without `run` must not wipe START's). Wire objects
 * are shared, never mutated.
 */
export function mergeFacets(older: Facets, newer: Facets | null | undefined, place: FacetPlace, refused?: (r: RefusedFacet) => void): Facets {
  if (newer == null) return older;
  if (older === EMPTY_FACETS) return newer;
  let out: Facets | null = null;
  for (const [name, facet] of Object.entries(newer)) {
    const previous = older[name];
    if (previous !== undefined && previous !== facet) {
      const reason = facetSchemaProblem(place, name, facet);
      if (reason !== null && facetSchemaProblem(place, name, previous) === null) {
        refused?.({ place, name, reason });
        continue;
      }
    }
    out ??= { ...older };
    out[name] = facet;
  }
  return out ?? older;
}
