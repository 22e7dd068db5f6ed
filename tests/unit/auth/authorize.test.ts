import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize, BASIC_CHALLENGE } from '@/lib/auth/authorize';
import { parseAuthConfig, type AuthVariables } from '@/lib/auth/config';

const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function ask(vars: AuthVariables, pathname: string, headers: Record<string, string> = {}, peer: string | null = null) {
  return authorize(parseAuthConfig(vars), { pathname, headers: new Headers(headers), peer });
}

describe('authorize — basic', () => {
  const plain = { RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD: 'pä:ss' };

  it('refuses without or with wrong credentials, with a Basic challenge', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: basicHeader('ops', 'nope') }, { authorization: basicHeader('root', 'pä:ss') }, { authorization: 'Bearer pä:ss' }, { authorization: 'Basic !!!' }]) {
      expect(await ask(plain, '/api/health', headers)).toEqual({ ok: false, status: 401, message: expect.any(String), challenge: BASIC_CHALLENGE });
    }
  });

  it('accepts the right user and password (the password may contain ":" and non-ASCII)', async () => {
    expect(await ask(plain, '/', { authorization: basicHeader('ops', 'pä:ss') })).toEqual({ ok: true, user: 'ops' });
  });

  it('checks a scrypt hash', async () => {
    const hash = spawnSync(process.execPath, [path.join('scripts', 'auth-hash.mjs')], { input: 's3cret', encoding: 'utf8' }).stdout.trim();
    const vars = { RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD_HASH: hash };
    expect(await ask(vars, '/runs/x', { authorization: basicHeader('ops', 's3cret') })).toMatchObject({ ok: true });
    expect(await ask(vars, '/runs/x', { authorization: basicHeader('ops', 's3cret ') })).toMatchObject({ ok: false, status: 401 });
    // A second request with the same header is answered from the cache, still correctly.
    expect(await ask(vars, '/runs/x', { authorization: basicHeader('ops', 's3cret') })).toMatchObject({ ok: true });
  });

  it('leaves only /api/live open', async () => {
    expect(await ask(plain, '/api/live')).toEqual({ ok: true, user: null });
    for (const pathname of ['/api/live/', '/api/LIVE', '/api/health', '/health', '/']) expect((await ask(plain, pathname)).ok).toBe(false);
  });
});

describe('authorize — proxy', () => {
  const vars = { RUNLENS_AUTH: 'proxy', RUNLENS_AUTH_TRUSTED_PROXIES: '10.0.0.5,fd00::/8' };

  it('trusts the user header only from a trusted peer', async () => {
    expect(await ask(vars, '/', { 'x-forwarded-user': 'alice' }, '10.0.0.5')).toEqual({ ok: true, user: 'alice' });
    expect(await ask(vars, '/', { 'x-forwarded-user': 'alice' }, '::ffff:10.0.0.5')).toEqual({ ok: true, user: 'alice' });
    expect(await ask(vars, '/', { 'x-forwarded-user': 'alice' }, 'fd12::1')).toMatchObject({ ok: true });
    for (const peer of ['10.0.0.6', '127.0.0.1', 'fe80::1', null]) {
      expect(await ask(vars, '/', { 'x-forwarded-user': 'alice', 'x-forwarded-for': '10.0.0.5' }, peer)).toMatchObject({ ok: false, status: 401, challenge: null });
    }
  });

  it('refuses a trusted peer that sends no user', async () => {
    expect(await ask(vars, '/api/runs', {}, '10.0.0.5')).toMatchObject({ ok: false, status: 401 });
    expect(await ask(vars, '/api/runs', { 'x-forwarded-user': '  ' }, '10.0.0.5')).toMatchObject({ ok: false, status: 401 });
  });
});

describe('authorize — misconfigured', () => {
  it('refuses everything but /api/live with 503 and says why', async () => {
    const decision = await ask({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops' }, '/api/health', { authorization: basicHeader('ops', '') });
    expect(decision).toMatchObject({ ok: false, status: 503, message: expect.stringContaining('RUNLENS_AUTH_PASSWORD_HASH') });
    expect((await ask({ RUNLENS_AUTH: 'on' }, '/api/live')).ok).toBe(true);
  });
});
