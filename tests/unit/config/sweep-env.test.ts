import { describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';

describe('RUNLENS_SWEEP_KB_PER_MINUTE', () => {
  it('is 120 KB a minute unless set, in bytes for the feeds', () => {
    expect(readEnv({}).sweepBytesPerMinute).toBe(120_000);
    expect(readEnv({ RUNLENS_SWEEP_KB_PER_MINUTE: '40' }).sweepBytesPerMinute).toBe(40_000);
    expect(readEnv({ RUNLENS_SWEEP_KB_PER_MINUTE: '0' }).sweepBytesPerMinute).toBe(0);
  });

  it('names a bad value on /health and keeps the default', () => {
    const env = readEnv({ RUNLENS_SWEEP_KB_PER_MINUTE: 'lots' });
    expect(env.sweepBytesPerMinute).toBe(120_000);
    expect(env.problems).toEqual([{ variable: 'RUNLENS_SWEEP_KB_PER_MINUTE', message: '"lots" is not a whole number of kilobytes between 0 and 100000; using 120' }]);
  });
});
