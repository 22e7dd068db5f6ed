import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize } from '@/lib/auth/authorize';
import { parseAuthConfig } from '@/lib/auth/config';
import { MAX_FAILURES, MAX_IN_FLIGHT_PER_CLIENT } from '@/lib/auth/login-throttle';

const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const hash = spawnSync(process.execPath, [path.join('scripts', 'auth-hash.mjs')], { input: 'right', encoding: 'utf8' }).stdout.trim();
const config = parseAuthConfig({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD_HASH: hash });
const ask = (password: string, peer: string, header = basicHeader('ops', password)) => authorize(config, { pathname: '/', headers: new Headers({ authorization: header }), peer });

describe('a flood of wrong passwords', () => {
  it('600 concurrent wrong passwords get 429s with Retry-After, and a valid login from elsewhere waits for no more than the flood\'s admitted few', async () => {
    // Which wrong passwords were checked (401: they cost a scrypt) before the valid login was answered.
    const checked: number[] = [];
    const flood = Array.from({ length: 600 }, (_, i) => ask(`wrong-${i}`, '10.0.0.66').then((a) => {
      if (!a.ok && a.status === 401) checked.push(i);
      return a;
    }));
    const valid = await ask('right', '10.0.0.7');
    const checkedBefore = checked.length;
    const answers = await Promise.all(flood);
    expect(valid).toEqual({ ok: true, user: 'ops' });
    // Its latency is a figure of bench:load; here: it did not queue behind the flood's scrypts.
    expect(checkedBefore).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_CLIENT);
    const limited = answers.filter((a) => !a.ok && a.status === 429);
    expect(limited.length).toBeGreaterThan(550);
    for (const answer of limited) expect(answer).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(answers.every((a) => !a.ok)).toBe(true);
  });

  it('a valid login from a new address is checked before the queued wrong passwords of five flooding addresses', async () => {
    // The order in which checks were answered; each wrong one cost a scrypt.
    const answered: string[] = [];
    const flooders = ['10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.4', '10.0.1.5'];
    const flood = flooders.flatMap((peer) => [0, 1].map((i) => ask(`wrong-${peer}-${i}`, peer).then((a) => answered.push(`${peer} ${a.ok ? 'ok' : a.status}`))));
    // Spelled differently from the earlier tests' valid header, so it is not accepted already and costs a scrypt.
    const valid = ask('right', '10.0.1.99', basicHeader('ops', 'right').replace('Basic', 'basic')).then((a) => (answered.push('valid'), a));
    expect(await valid).toEqual({ ok: true, user: 'ops' });
    await Promise.all(flood);
    expect(answered).toHaveLength(11);
    expect(answered.filter((a) => a !== 'valid').every((a) => a.endsWith(' 401'))).toBe(true);
    // First come, first served would check all ten wrong passwords first (two scrypt slots, the valid one last in
    // line). Fairly shared (one slot per address at most, a new address first among the waiting): the two running
    // when it arrived, the three addresses waiting before it, and at most one finishing alongside it.
    expect(answered.indexOf('valid')).toBeLessThanOrEqual(6);
  });

  it(`after ${MAX_FAILURES} failures an address waits out the window; other addresses do not`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect(await ask(`bad-${i}`, '10.0.0.88')).toMatchObject({ ok: false, status: 401 });
    const locked = await ask('one-more-guess', '10.0.0.88');
    expect(locked).toMatchObject({ ok: false, status: 429 });
    expect(locked.ok === false && locked.status === 429 && locked.retryAfterSeconds).toBeGreaterThan(30);
    expect(await ask('one-more-guess', '10.0.0.89')).toMatchObject({ ok: false, status: 401 });
  });
});
