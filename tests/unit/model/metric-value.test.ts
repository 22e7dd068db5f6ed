import { describe, expect, it } from 'vitest';
import { decodeMetricValue, encodeMetricValue, type WireMetricValue } from '@/lib/model/metric-value';

describe('encodeMetricValue / decodeMetricValue', () => {
  it('round-trips every value, including through JSON', () => {
    for (const n of [0, -1.5, 1e-300, Number.MAX_VALUE, Number.NaN, Infinity, -Infinity]) {
      const wire = JSON.parse(JSON.stringify(encodeMetricValue(n))) as WireMetricValue;
      expect(Object.is(decodeMetricValue(wire), n)).toBe(true);
    }
  });

  it('encodes non-finite numbers as strings and leaves finite ones as numbers', () => {
    expect(encodeMetricValue(Number.NaN)).toBe('NaN');
    expect(encodeMetricValue(Infinity)).toBe('Infinity');
    expect(encodeMetricValue(-Infinity)).toBe('-Infinity');
    expect(encodeMetricValue(0.25)).toBe(0.25);
  });
});
