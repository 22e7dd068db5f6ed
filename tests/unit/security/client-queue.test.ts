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
});
