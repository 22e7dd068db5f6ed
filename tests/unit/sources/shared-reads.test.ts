import { describe, expect, it } from 'vitest';
import { readShared, SHARED_READ_CLAIM_MS, type SharedReadCodec, type SharedReadStore } from '@/lib/sources/shared-reads';

const TEN_MINUTES = 10 * 60_000;
const asJson: SharedReadCodec<string[]> = { encode: (v) => JSON.stringify(v), decode: (p) => (Array.isArray(p) ? (p as string[]) : null) };

/** A store in memory that records the claims asked of it (what a replica on one index would do). */
function memoryStore(copy: { body: string; readMs: number } | null) {
  const claims: number[] = [];
  const store: SharedReadStore = {
    read: () => Promise.resolve(copy),
    claim: (_key, ttlMs) => {
      claims.push(ttlMs);
      return Promise.resolve(true);
    },
    publish: (_key, body) => {
      copy = { body, readMs: Date.now() };
      return Promise.resolve();
    },
  };
  return { store, claims, copy: () => copy };
}

describe('readShared', () => {
  it('uses a copy younger than the interval without asking', async () => {
    const { store, claims } = memoryStore({ body: '["a"]', readMs: Date.now() - 60_000 });
    const read = await readShared(store, 'k', TEN_MINUTES, () => Promise.reject(new Error('not asked')), asJson);
    expect(read.value).toEqual(['a']);
    expect(read.ageMs).toBeGreaterThanOrEqual(60_000);
    expect(claims).toEqual([]);
  });

  it('asks and publishes when the copy is due and the claim is its own', async () => {
    const memory = memoryStore({ body: '["old"]', readMs: Date.now() - TEN_MINUTES - 1 });
    const read = await readShared(memory.store, 'k', TEN_MINUTES, () => Promise.resolve(['new']), asJson);
    expect(read).toEqual({ value: ['new'], ageMs: 0 });
    expect(memory.copy()?.body).toBe('["new"]');
  });

  it('holds the claim for the whole interval when the upstream fails, so other replicas do not ask before it would', async () => {
    const { store, claims } = memoryStore({ body: '["old"]', readMs: Date.now() - TEN_MINUTES - 1 });
    await expect(readShared(store, 'k', TEN_MINUTES, () => Promise.reject(new Error('MLflow down')), asJson)).rejects.toThrow('MLflow down');
    expect(claims).toEqual([SHARED_READ_CLAIM_MS, TEN_MINUTES]);
  });

  it('asks the upstream when there is no store (a process without the run index)', async () => {
    expect(await readShared(null, 'k', TEN_MINUTES, () => Promise.resolve(['x']), asJson)).toEqual({ value: ['x'], ageMs: 0 });
  });
});
