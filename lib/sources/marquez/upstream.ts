import 'server-only';
import type { UpstreamLineage } from '@/lib/model';
import { isSourceError } from '@/lib/http/source-error';
import type { MarquezClient } from './client';
import { mapUpstream } from './map-upstream';
import { runUuidCandidates } from './name-based-uuid';
import type { WireUpstreamLineage } from './schemas';

export const UPSTREAM_BASIS = 'from Marquez /runlineage/upstream';

const isServerError = (error: unknown): boolean => isSourceError(error) && error.kind === 'http' && (error.status ?? 0) >= 500;
const isNotFound = (error: unknown): boolean => isSourceError(error) && error.kind === 'http' && error.status === 404;

/**
 * Marquez's upstream runs of a run. Marquez answers 500 when its walk reaches a version no run
 * produced (a raw input), so the depth is halved until it answers; the result then says it was cut
 * short. Throws when even depth 1 fails, so the caller can walk its own snapshot instead.
 */
export async function marquezUpstream(client: MarquezClient, runId: string, depth: number): Promise<UpstreamLineage | null> {
  const wanted = Math.max(1, Math.floor(depth));
  for (const uuid of runUuidCandidates(runId)) {
    let asked = wanted;
    let wire: WireUpstreamLineage | null = null;
    for (;;) {
      try {
        // No retries: a 500 here is Marquez's deterministic answer; the halving is the retry.
        wire = await client.upstream(uuid, asked, { retries: 0 });
        break;
      } catch (error) {
        if (isNotFound(error)) break;
        if (!isServerError(error) || asked === 1) throw error;
        asked = Math.max(1, Math.floor(asked / 2));
      }
    }
    if (wire === null) continue;
    const reduced = asked < wanted;
    const basis = reduced
      ? `${UPSTREAM_BASIS} at depth ${asked}: Marquez failed at depth ${wanted}, as it does when a run read a dataset version no run produced`
      : UPSTREAM_BASIS;
    return mapUpstream(wire, { runUuid: uuid, depth: asked, basis, truncated: reduced });
  }
  return null;
}
