import { describe, expect, it } from 'vitest';
import { DEFAULT_CHARTED, MAX_CHARTED, chartedKeys, chartsParam } from '@/lib/queries/metric-history-selection';

const keys = Array.from({ length: 50 }, (_, i) => `m${String(i).padStart(2, '0')}`);

describe('chartedKeys', () => {
  it('charts the first few by default, never all 50', () => {
    expect(chartedKeys(keys, null)).toEqual(keys.slice(0, DEFAULT_CHARTED));
  });

  it('charts what the URL names, in its order, without unknown or repeated keys, at most MAX_CHARTED', () => {
    expect(chartedKeys(keys, 'm07,nope,m03,m07')).toEqual(['m07', 'm03']);
    expect(chartedKeys(keys, chartsParam(keys))).toHaveLength(MAX_CHARTED);
    expect(chartedKeys(keys, '')).toEqual([]);
  });
});
