import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from '@/lib/security/content-security-policy';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('content security policy', () => {
  it('allows scripts only by nonce in production: no inline, no eval', () => {
    const csp = contentSecurityPolicy('abc123', false);
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'worker-src')).toBe("worker-src 'self' blob:");
    // A nonce in style-src would switch 'unsafe-inline' off, and React Flow positions nodes with style attributes.
    expect(directive(csp, 'style-src')).not.toContain('nonce');
  });

  it('adds eval only for the dev server', () => {
    expect(directive(contentSecurityPolicy('n', true), 'script-src')).toContain("'unsafe-eval'");
  });

  it('makes a fresh 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('prerendered error page scripts', () => {
  it('each inline script of a prerendered page is allowed by its hash, external scripts are not hashed', async () => {
    const { createHash } = await import('node:crypto');
    const { inlineScriptHashes } = await import('@/lib/security/static-page-hashes');
    const body = '(self.__next_f=self.__next_f||[]).push([0])';
    const html = `<html><script src="/_next/static/chunks/a.js" async=""></script><script id="_R_">${body}</script><script>${body}</script></html>`;
    const expected = `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
    expect(inlineScriptHashes(html)).toEqual([expected]);
    const { contentSecurityPolicy } = await import('@/lib/security/content-security-policy');
    expect(contentSecurityPolicy('n0nce', false, [expected])).toContain(`script-src 'self' 'nonce-n0nce' ${expected} 'strict-dynamic'`);
  });
});
