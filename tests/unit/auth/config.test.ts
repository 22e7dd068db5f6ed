import { describe, expect, it } from 'vitest';
import { parseAuthConfig } from '@/lib/auth/config';
import { readAuthEnv } from '@/lib/env';

const HASH = `scrypt:16384:8:1:${Buffer.alloc(16, 1).toString('base64url')}:${Buffer.alloc(32, 2).toString('base64url')}`;

function problemsOf(vars: Parameters<typeof parseAuthConfig>[0]) {
  const config = parseAuthConfig(vars);
  if (config.mode !== 'misconfigured') throw new Error(`expected misconfigured, got ${config.mode}`);
  return config.problems;
}

describe('RUNLENS_AUTH', () => {
  it('is off by default and with none', () => {
    expect(readAuthEnv({}).mode).toBe('none');
    expect(readAuthEnv({ RUNLENS_AUTH: 'none' }).mode).toBe('none');
  });

  it('basic takes a scrypt hash, or a plain password for quick setups', () => {
    expect(readAuthEnv({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD_HASH: HASH })).toMatchObject({ mode: 'basic', user: 'ops', secret: { kind: 'scrypt' } });
    expect(readAuthEnv({ RUNLENS_AUTH: 'Basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD: 'pw' })).toMatchObject({ mode: 'basic', secret: { kind: 'plain', password: 'pw' } });
  });

  it('proxy reads the header (default X-Forwarded-User) and the trusted addresses', () => {
    const config = readAuthEnv({ RUNLENS_AUTH: 'proxy', RUNLENS_AUTH_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,fd00::/8' });
    expect(config).toMatchObject({ mode: 'proxy', header: 'x-forwarded-user', trustedEntries: ['10.0.0.5', '10.1.0.0/16', 'fd00::/8'] });
    expect(readAuthEnv({ RUNLENS_AUTH: 'proxy', RUNLENS_AUTH_TRUSTED_PROXIES: '10.0.0.5', RUNLENS_AUTH_PROXY_HEADER: 'X-Auth-Request-Email' })).toMatchObject({ header: 'x-auth-request-email' });
  });

  it('fails closed, naming the variable, whenever auth was asked for but cannot work', () => {
    expect(problemsOf({ RUNLENS_AUTH: 'basci' })).toEqual([{ variable: 'RUNLENS_AUTH', message: '"basci" is not one of none, basic, proxy' }]);
    expect(problemsOf({ RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD: 'pw' })[0]).toMatchObject({ variable: 'RUNLENS_AUTH', message: expect.stringContaining('RUNLENS_AUTH_USER is set') });
    expect(problemsOf({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_PASSWORD: 'pw' }).map((p) => p.variable)).toEqual(['RUNLENS_AUTH_USER']);
    expect(problemsOf({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'a:b', RUNLENS_AUTH_PASSWORD: 'pw' })[0]!.message).toContain('":"');
    expect(problemsOf({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops' }).map((p) => p.variable)).toEqual(['RUNLENS_AUTH_PASSWORD_HASH']);
    // A broken hash is never silently replaced by the plain password.
    expect(problemsOf({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD_HASH: 'md5:abc', RUNLENS_AUTH_PASSWORD: 'pw' }).map((p) => p.variable)).toEqual(['RUNLENS_AUTH_PASSWORD_HASH']);
    expect(problemsOf({ RUNLENS_AUTH: 'proxy' })[0]).toMatchObject({ variable: 'RUNLENS_AUTH_TRUSTED_PROXIES', message: expect.stringContaining('empty') });
    expect(problemsOf({ RUNLENS_AUTH: 'proxy', RUNLENS_AUTH_TRUSTED_PROXIES: '10.0.0.0/33' })[0]!.message).toContain('"10.0.0.0/33"');
    expect(problemsOf({ RUNLENS_AUTH: 'proxy', RUNLENS_AUTH_TRUSTED_PROXIES: 'proxy.internal' })[0]!.message).toContain('"proxy.internal"');
    expect(problemsOf({ RUNLENS_AUTH: 'proxy', RUNLENS_AUTH_TRUSTED_PROXIES: '10.0.0.5', RUNLENS_AUTH_PROXY_HEADER: 'X User' })[0]!.variable).toBe('RUNLENS_AUTH_PROXY_HEADER');
  });

  it('never echoes a password in a problem', () => {
    const problems = problemsOf({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_PASSWORD: 'sentinel-password' });
    expect(JSON.stringify(problems)).not.toContain('sentinel-password');
  });
});
