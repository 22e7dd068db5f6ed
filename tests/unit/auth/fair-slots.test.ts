import { describe, expect, it } from 'vitest';
import { createFairSlots } from '@/lib/auth/fair-slots';

/** A task that records when it starts and finishes when the test says so. */
function controlled(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: () => (started.push(name), done), finish };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('fair slots', () => {
  it("a freed slot goes to a newly waiting client before the flooding client's queue", async () => {
    const slots = createFairSlots(2);
    const started: string[] = [];
    const flood = Array.from({ length: 8 }, (_, i) => controlled(started, `flood ${i}`));
    const floodRuns = flood.map((f) => slots.run('10.0.0.66', f.task));
    const user = controlled(started, 'user');
    const userRun = slots.run('10.0.0.7', user.task);
    await settle();
    expect(started).toEqual(['flood 0', 'flood 1']);
    expect(slots.state()).toEqual({ running: 2, waiting: 7 });
    flood[0]!.finish();
    await settle();
    // FIFO would start 'flood 2' here.
    expect(started).toEqual(['flood 0', 'flood 1', 'user']);
    user.finish();
    await userRun;
    await settle();
    expect(started.at(-1)).toBe('flood 2');
    for (const f of flood) f.finish();
    await Promise.all(floodRuns);
    expect(started).toHaveLength(9);
    expect(slots.state()).toEqual({ running: 0, waiting: 0 });
  });

  it('clients waiting together are served in turn, the one with fewer tasks running first', async () => {
    const slots = createFairSlots(1);
    const started: string[] = [];
    const queued: Array<[client: string, name: string]> = [['A', 'a1'], ['A', 'a2'], ['A', 'a3'], ['B', 'b1'], ['B', 'b2'], ['C', 'c1']];
    const byName = new Map(queued.map(([, name]) => [name, controlled(started, name)]));
    const runs = queued.map(([client, name]) => slots.run(client, byName.get(name)!.task));
    // Finish whatever runs now, one at a time, and see who is served next.
    for (let i = 0; i < queued.length; i++) {
      await settle();
      byName.get(started.at(-1)!)!.finish();
    }
    await Promise.all(runs);
    // FIFO would be a1 a2 a3 b1 b2 c1.
    expect(started).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('one client holds at most its per-client share, so another client starts at once', async () => {
    const slots = createFairSlots(2, 1);
    const started: string[] = [];
    const flood = Array.from({ length: 5 }, (_, i) => controlled(started, `flood ${i}`));
    const floodRuns = flood.map((f) => slots.run('10.0.0.66', f.task));
    await settle();
    expect(started).toEqual(['flood 0']);
    const user = controlled(started, 'user');
    const userRun = slots.run('10.0.0.7', user.task);
    await settle();
    expect(started).toEqual(['flood 0', 'user']);
    // The user's slot, once free, stays free for others: the flood keeps to one.
    user.finish();
    await userRun;
    await settle();
    expect(slots.state()).toEqual({ running: 1, waiting: 4 });
    for (let i = 0; i < flood.length; i++) {
      flood[i]!.finish();
      await settle();
    }
    await Promise.all(floodRuns);
    expect(started).toEqual(['flood 0', 'user', 'flood 1', 'flood 2', 'flood 3', 'flood 4']);
    expect(slots.state()).toEqual({ running: 0, waiting: 0 });
  });

  it('a task that fails frees its slot', async () => {
    const slots = createFairSlots(1);
    await expect(slots.run('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run('x', async () => 'next')).toBe('next');
    expect(slots.state()).toEqual({ running: 0, waiting: 0 });
  });
});
