import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * RUNLENS_AUTH_PASSWORD_HASH format: `scrypt:<N>:<r>:<p>:<salt>:<hash>`, salt and hash base64url.
 * Colons, not `$`, so the value survives shells, .env files and docker-compose interpolation unquoted.
 * `npm run auth:hash` (scripts/auth-hash.mjs) writes the same format.
 */
export interface PasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const FORMAT = /^scrypt:(\d+):(\d+):(\d+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/;

export type ParsedHash = { ok: true; value: PasswordHash } | { ok: false; problem: string };

export function parsePasswordHash(text: string): ParsedHash {
  const match = FORMAT.exec(text.trim());
  if (!match) return { ok: false, problem: 'is not scrypt:<N>:<r>:<p>:<salt>:<hash> (print one with `npm run auth:hash`)' };
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const salt = Buffer.from(match[4]!, 'base64url');
  const hash = Buffer.from(match[5]!, 'base64url');
  // Bounds keep a typo from turning every login into a multi-second, gigabyte-sized computation.
  if (!Number.isInteger(Math.log2(N)) || N < 1024 || N > 1_048_576) return { ok: false, problem: `N=${N} must be a power of two from 1024 to 1048576` };
  if (r < 1 || r > 32 || p < 1 || p > 16) return { ok: false, problem: `r=${r} must be 1–32 and p=${p} 1–16` };
  if (salt.length < 16) return { ok: false, problem: 'the salt is shorter than 16 bytes' };
  if (hash.length < 32 || hash.length > 64) return { ok: false, problem: 'the hash is not 32–64 bytes long' };
  return { ok: true, value: { N, r, p, salt, hash } };
}

function derive(password: string, salt: Buffer, keyLength: number, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r * p };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Constant-time check of a password against a stored hash (scrypt runs on libuv's pool, off the event loop). */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const key = await derive(password, stored.salt, stored.hash.length, stored);
  return timingSafeEqual(key, stored.hash);
}

