import { createHmac, randomBytes } from 'node:crypto';

/**
 * Authorization headers already accepted, as keyed digests, so scrypt runs once per credential, not once per
 * request. Process-wide (globalThis): the request guard and proxy.ts are bundled apart but must agree.
 */
const MAX_ACCEPTED = 1000;

interface Accepted {
  /** Per-process key: the digests are useless to anyone who reads a memory dump. */
  key: Buffer;
  digests: Set<string>;
}

const holder = globalThis as typeof globalThis & { __runlensAccepted?: Accepted };
const state = (): Accepted => (holder.__runlensAccepted ??= { key: randomBytes(32), digests: new Set() });

export function keyedDigest(value: string): Buffer {
  return createHmac('sha256', state().key).update(value, 'utf8').digest();
}

export function isAccepted(header: string): boolean {
  return state().digests.has(keyedDigest(header).toString('base64'));
}

export function accept(header: string): void {
  const { digests } = state();
  if (digests.size >= MAX_ACCEPTED) digests.clear();
  digests.add(keyedDigest(header).toString('base64'));
}
