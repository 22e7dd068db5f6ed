import { describe, expect, it } from 'vitest';
import { claimSharedRead, publishSharedRead, readSharedCopy } from '@/lib/index/shared-reads';
import { withFreshIndexes } from './fresh-index';

const freshIndex = withFreshIndexes();

describe.each(['sqlite', 'postgres'] as const)('shared upstream reads (%s)', (dialect) => {
  it('lets one replica at a time claim the next read, until it publishes or its claim runs out', async () => {
    const { db } = await freshIndex(dialect);
    expect(await readSharedCopy(db, 'k')).toBeNull();
    expect(await claimSharedRead(db, 'k', 'replica-a', 60_000, 1_000)).toBe(true);
    expect(await claimSharedRead(db, 'k', 'replica-b', 60_000, 2_000)).toBe(false);
    expect(await claimSharedRead(db, 'k', 'replica-a', 60_000, 3_000)).toBe(true); // its own claim, renewed
    expect(await claimSharedRead(db, 'k', 'replica-b', 60_000, 62_000)).toBe(false);
    expect(await claimSharedRead(db, 'k', 'replica-b', 60_000, 63_001)).toBe(true); // a's ran out
    expect(await readSharedCopy(db, 'k')).toBeNull(); // claimed, never published
  });

  it('keeps the published text and when it was read, and frees the claim', async () => {
    const { db } = await freshIndex(dialect);
    expect(await claimSharedRead(db, 'k', 'replica-a', 60_000, 1_000)).toBe(true);
    await publishSharedRead(db, 'k', '{"experiments":[]}', 5_000);
    expect(await readSharedCopy(db, 'k')).toEqual({ body: '{"experiments":[]}', readMs: 5_000 });
    expect(await claimSharedRead(db, 'k', 'replica-b', 60_000, 6_000)).toBe(true);
    await publishSharedRead(db, 'k', '{"experiments":[1]}', 7_000);
    expect(await readSharedCopy(db, 'k')).toEqual({ body: '{"experiments":[1]}', readMs: 7_000 });
    expect(await readSharedCopy(db, 'other')).toBeNull();
  });
});
