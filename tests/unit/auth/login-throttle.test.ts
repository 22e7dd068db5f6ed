import { describe, expect, it } from 'vitest';
import { createLoginThrottle, MAX_IN_FLIGHT_PER_CLIENT } from '@/lib/auth/login-throttle';

describe('login throttle in-flight caps', () => {
  it('admits a client whose previous login is not seen as answered yet, and refuses the one after', () => {
    const throttle = createLoginThrottle();
    const first = throttle.enter('127.0.0.1');
    // The next request of a sequential client can be read before the server sees the first response finish.
    const second = throttle.enter('127.0.0.1');
    expect(first.ok && second.ok).toBe(true);
    const admitted = [first, second];
    for (let i = 2; i < MAX_IN_FLIGHT_PER_CLIENT; i++) admitted.push(throttle.enter('127.0.0.1'));
    expect(throttle.enter('127.0.0.1')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(throttle.enter('127.0.0.2').ok).toBe(true);
    for (const a of admitted) if (a.ok) a.leave();
    expect(throttle.enter('127.0.0.1').ok).toBe(true);
  });
});
