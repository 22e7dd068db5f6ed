import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize } from '@/lib/auth/authorize';
import { parseAuthConfig } from '@/lib/auth/config';
import { MAX_FAILURES, MAX_IN_FLIGHT_PER_CLIENT } from '@/lib/auth/login-throttle';

const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const hash = spawnSync(process.execPath, [path.join('scripts', 'auth-hash.mjs')], { input: 'right', encoding: 'utf8' }).stdout.trim();
const config = parseAuthConfig({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD_HASH: hash });
const ask = (password: string, peer: string) => authorize(config, { pathname: '/', headers: new Headers({ authorization: basicHeader('ops', password) }), peer });

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

  it(`after ${MAX_FAILURES} failures an address waits out the window; other addresses do not`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect(await ask(`bad-${i}`, '10.0.0.88')).toMatchObject({ ok: false, status: 401 });
    const locked = await ask('one-more-guess', '10.0.0.88');
    expect(locked).toMatchObject({ ok: false, status: 429 });
    expect(locked.ok === false && locked.status === 429 && locked.retryAfterSeconds).toBeGreaterThan(30);
    expect(await ask('one-more-guess', '10.0.0.89')).toMatchObject({ ok: false, status: 401 });
  });
});
