import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { createClientQueues } from '@/lib/security/client-queue';

describe('client queues', () => {
  it("one client's requests beyond the cap wait in order while another client's start at once", () => {
    const queues = createClientQueues(2);
    const started: string[] = [];
    const flood = [1, 2, 3, 4].map((n) => queues.enter('10.0.0.9', () => started.push(`flood ${n}`)));
    const user = queues.enter('10.0.0.1', () => started.push('user'));
    expect(started).toEqual(['flood 1', 'flood 2', 'user']);
    flood[0]!.leave();
    expect(started).toEqual(['flood 1', 'flood 2', 'user', 'flood 3']);
    user.leave();
    expect(queues.clients()).toBe(1);
    for (const ticket of flood) ticket.leave();
    expect(started.at(-1)).toBe('flood 4');
    flood[3]!.leave();
    expect(queues.clients()).toBe(0);
  });

  it("a waiting request starts in its own async context, not in that of the request whose end freed its place", () => {
    const requestOf = new AsyncLocalStorage<string>();
    const queues = createClientQueues(1);
    const seen: Array<string | undefined> = [];
    const first = requestOf.run('first', () => queues.enter('10.0.0.9', () => seen.push(requestOf.getStore())));
    requestOf.run('second', () => queues.enter('10.0.0.9', () => seen.push(requestOf.getStore())));
    requestOf.run('first, ending', () => first.leave());
    expect(seen).toEqual(['first', 'second']);
  });
});
