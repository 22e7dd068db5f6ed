import { describe, expect, it } from 'vitest';
import { isSourceError } from '@/lib/http/source-error';
import type { Connection, WandbClient } from '@/lib/sources/wandb/client';
import { DEFAULT_LIMITS, fetchSnapshotWire } from '@/lib/sources/wandb/fetch-snapshot';
import type { WireRun } from '@/lib/sources/wandb/schemas';

/** A client whose project runs come from `pages`, keyed by the cursor asked for ('' = first page). */
function fakeClient(pages: Record<string, Connection<WireRun> | null>, asked: string[]): WandbClient {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    baseUrl: 'http://w',
    projectRuns: async (p) => {
      asked.push(p.cursor ?? '');
      return pages[p.cursor ?? ''] ?? null;
    },
    run: unused, runArtifacts: unused, sampledHistory: unused,
  };
}

const runs = (...names: string[]): WireRun[] => names.map((name) => ({ name, state: 'finished' }));
const project = { entity: 'e', project: 'p' };

describe('W&B cursor paging', () => {
  it('follows endCursor while hasNextPage, and stops at the last page', async () => {
    const asked: string[] = [];
    const client = fakeClient({
      '': { items: runs('a', 'b'), endCursor: 'c1', hasNextPage: true },
      c1: { items: runs('c'), endCursor: 'c2', hasNextPage: false },
    }, asked);
    const wire = await fetchSnapshotWire(client, [project], DEFAULT_LIMITS);
    expect(wire.runs.map((r) => r.run.name)).toEqual(['a', 'b', 'c']);
    expect(asked).toEqual(['', 'c1']);
  });

  it('refuses a cursor that comes back twice instead of looping', async () => {
    const client = fakeClient({
      '': { items: runs('a'), endCursor: 'c1', hasNextPage: true },
      c1: { items: runs('b'), endCursor: 'c1', hasNextPage: true },
    }, []);
    const error = await fetchSnapshotWire(client, [project], DEFAULT_LIMITS).catch((e: unknown) => e);
    expect(isSourceError(error) && error.message).toBe('W&B: runs of e/p returned the same endCursor twice; stopped paging');
  });

  it('stops at maxRuns and says what it left out', async () => {
    const client = fakeClient({ '': { items: runs('a', 'b'), endCursor: 'c1', hasNextPage: true } }, []);
    const wire = await fetchSnapshotWire(client, [project], { ...DEFAULT_LIMITS, maxRuns: 2 });
    expect(wire.runs).toHaveLength(2);
    expect(wire.problems).toEqual([{ where: 'e/p', message: 'more than 2 runs; only the first 2 are shown' }]);
  });

  it('fails when no configured project exists', async () => {
    const error = await fetchSnapshotWire(fakeClient({}, []), [project], DEFAULT_LIMITS).catch((e: unknown) => e);
    expect(isSourceError(error) && error.message).toBe('W&B: no project e/p exists or is readable with this API key (check WANDB_ENTITY and WANDB_PROJECT)');
  });
});
