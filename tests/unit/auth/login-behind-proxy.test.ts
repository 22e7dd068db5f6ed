import { describe, expect, it } from 'vitest';
import { authorize } from '@/lib/auth/authorize';
import { clientAddress } from '@/lib/auth/client-address';
import { parseAuthConfig } from '@/lib/auth/config';
import { MAX_FAILURES } from '@/lib/auth/login-throttle';
import { parseTrustedProxies } from '@/lib/auth/trusted-proxies';

// Behind a TLS-terminating reverse proxy every TCP peer is the proxy: the login throttle must key on the client
// the trusted proxy names in X-Forwarded-For, or one user's wrong passwords lock out every user.
const basicHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const config = parseAuthConfig({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD: 'right', RUNLENS_AUTH_TRUSTED_PROXIES: '10.9.0.0/24' });
const ask = (password: string, peer: string, forwardedFor?: string) => authorize(config, {
  pathname: '/', peer, headers: new Headers({ authorization: basicHeader('ops', password), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }),
});
const trusted = (parseTrustedProxies('10.9.0.0/24, fd00::1') as { ok: true; list: import('node:net').BlockList }).list;

describe('the login throttle behind a trusted proxy', () => {
  it('locks out the client that failed, not the others behind the same proxy', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect(await ask(`bad-${i}`, '10.9.0.5', '203.0.113.7')).toMatchObject({ status: 401 });
    expect(await ask('bad', '10.9.0.5', '203.0.113.7')).toMatchObject({ ok: false, status: 429 });
    // Another user through the same proxy still signs in.
    expect(await ask('right', '10.9.0.5', '198.51.100.20')).toEqual({ ok: true, user: 'ops' });
  });

  it('ignores X-Forwarded-For from a peer that is not trusted (clients can write it)', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await ask(`bad-${i}`, '192.0.2.50', `198.51.100.${i}`);
    expect(await ask('bad', '192.0.2.50', '198.51.100.99')).toMatchObject({ ok: false, status: 429 });
  });

  it('takes the rightmost hop that is not a trusted proxy', () => {
    expect(clientAddress('10.9.0.5', 'spoofed, 203.0.113.7, 10.9.0.9', trusted)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:10.9.0.5', '1.2.3.4, 203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientAddress('10.9.0.5', '10.9.0.7, 10.9.0.9', trusted)).toBe('10.9.0.7');
    expect(clientAddress('10.9.0.5', 'garbage', trusted)).toBe('10.9.0.5');
    expect(clientAddress('192.0.2.1', '203.0.113.7', trusted)).toBe('192.0.2.1');
    expect(clientAddress('10.9.0.5', '203.0.113.7', null)).toBe('10.9.0.5');
  });

  it('refuses a bad RUNLENS_AUTH_TRUSTED_PROXIES in basic mode (fail closed)', () => {
    expect(parseAuthConfig({ RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: 'ops', RUNLENS_AUTH_PASSWORD: 'x', RUNLENS_AUTH_TRUSTED_PROXIES: 'proxy.local' }))
      .toMatchObject({ mode: 'misconfigured', problems: [{ variable: 'RUNLENS_AUTH_TRUSTED_PROXIES' }] });
  });
});
