import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePasswordHash, verifyPassword } from '@/lib/auth/password-hash';

// The hash comes from the real `npm run auth:hash` script, so script and verifier cannot drift apart.
function hashWithScript(password: string): string {
  const result = spawnSync(process.execPath, [path.join('scripts', 'auth-hash.mjs')], { input: `${password}\n`, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.trim();
}

describe('RUNLENS_AUTH_PASSWORD_HASH', () => {
  it('verifies the password the script hashed, and nothing else', async () => {
    const text = hashWithScript('correct horse battery staple');
    expect(text).toMatch(/^scrypt:16384:8:1:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    const parsed = parsePasswordHash(text);
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(await verifyPassword('correct horse battery staple', parsed.value)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', parsed.value)).toBe(false);
    expect(await verifyPassword('', parsed.value)).toBe(false);
  });

  it('salts every hash', () => {
    expect(hashWithScript('same')).not.toBe(hashWithScript('same'));
  });

  it('the script refuses an empty password', () => {
    const result = spawnSync(process.execPath, [path.join('scripts', 'auth-hash.mjs')], { input: '\n', encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('empty');
  });

  it('names what is wrong with a malformed hash', () => {
    const salt = Buffer.alloc(16, 1).toString('base64url');
    const hash = Buffer.alloc(32, 2).toString('base64url');
    expect(parsePasswordHash('hunter2')).toMatchObject({ ok: false, problem: expect.stringContaining('npm run auth:hash') });
    expect(parsePasswordHash(`scrypt$16384$8$1$${salt}$${hash}`)).toMatchObject({ ok: false });
    expect(parsePasswordHash(`scrypt:1000:8:1:${salt}:${hash}`)).toMatchObject({ ok: false, problem: expect.stringContaining('power of two') });
    expect(parsePasswordHash(`scrypt:4194304:8:1:${salt}:${hash}`)).toMatchObject({ ok: false, problem: expect.stringContaining('power of two') });
    expect(parsePasswordHash(`scrypt:16384:64:1:${salt}:${hash}`)).toMatchObject({ ok: false, problem: expect.stringContaining('r=64') });
    expect(parsePasswordHash(`scrypt:16384:8:1:AAAA:${hash}`)).toMatchObject({ ok: false, problem: expect.stringContaining('salt') });
    expect(parsePasswordHash(`scrypt:16384:8:1:${salt}:AAAA`)).toMatchObject({ ok: false, problem: expect.stringContaining('hash') });
    expect(parsePasswordHash(`  scrypt:16384:8:1:${salt}:${hash}\n`)).toMatchObject({ ok: true });
  });
});
