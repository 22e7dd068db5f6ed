import { describe, expect, it } from 'vitest';
import type { FeedLineageEvent } from '@/lib/sources/ports';
import { groupsByRun } from '@/lib/sync/store-feed-events';

const event = (runId: string | null, n: number): FeedLineageEvent => ({ body: `${runId}:${n}`, runId, eventTimeMs: n });

describe('feed events grouped into transactions', () => {
  it('keeps a run\'s events together and asks for the size before each group, so a slow transaction shortens the next', () => {
    const events = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((run, i) => [event(run, 2 * i), event(run, 2 * i + 1)]);
    const sizes = [4, 2, 1, 6];
    const asked: number[] = [];
    const groups = [...groupsByRun(events, () => {
      const size = sizes[asked.length] ?? 6;
      asked.push(size);
      return size;
    })];
    expect(groups.map((g) => g.map((e) => e.body))).toEqual([
      ['a:0', 'a:1', 'b:2', 'b:3'],
      ['c:4', 'c:5'],
      // Smaller than a run: the run's events still share the transaction.
      ['d:6', 'd:7'],
      ['e:8', 'e:9', 'f:10', 'f:11'],
    ]);
    expect(asked).toEqual([4, 2, 1, 6]);
  });

  it('groups events of one run even when the batch interleaves them', () => {
    const groups = [...groupsByRun([event('a', 1), event(null, 2), event('b', 3), event('a', 4), event(null, 5)], () => 2)];
    expect(groups.map((g) => g.map((e) => e.body))).toEqual([['a:1', 'a:4'], ['null:2', 'null:5'], ['b:3']]);
  });
});
