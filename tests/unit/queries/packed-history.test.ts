import { describe, expect, it } from 'vitest';
import type { MetricHistoryResponse } from '@/lib/queries/metric-history';
import { packHistory, unpackHistory } from '@/lib/queries/packed-history';

const history = (points: MetricHistoryResponse['points']): MetricHistoryResponse => ({
  runId: 'r1', key: 'loss', points, total: points.length, sampled: false, gaps: { nan: 1, posInf: 0, negInf: 0 }, readLimit: null, sampledFrom: null,
});

describe('packed metric histories', () => {
  it('give back every point, gap markers and the other fields exactly', () => {
    const original = history([
      { step: 0, timestamp: 1_795_486_169_184, value: 0.193 },
      { step: 1, timestamp: 1_795_486_171_018, value: 'NaN' },
      { step: 2, timestamp: 1_795_486_170_000, value: '-Infinity' }, // a clock that went back
      { step: 5, timestamp: 1_795_486_175_500, value: 1e-12 },
    ]);
    const packed = packHistory(original);
    expect(packed.timesAreDeltas).toBe(true);
    expect(packed.times).toEqual([1_795_486_169_184, 1834, -1018, 5500]);
    expect(unpackHistory(packed)).toEqual(original);
  });

  it('keep timestamps that are not integers as they are (differences would not add back exactly)', () => {
    const original = history([{ step: 0, timestamp: 1_700_000_000_000.1, value: 1 }, { step: 1, timestamp: 1_700_000_000_000.3, value: 2 }]);
    const packed = packHistory(original);
    expect(packed.timesAreDeltas).toBe(false);
    expect(unpackHistory(packed)).toEqual(original);
  });

  it('take about a third of the JSON of one object per point (the run page sends them in its HTML)', () => {
    const points = Array.from({ length: 512 }, (_, step) => ({ step, timestamp: 1_795_486_169_184 + step * 1834, value: ((step * 7919) % 10_000) / 1e4 }));
    const plain = JSON.stringify(history(points)).length;
    const packed = JSON.stringify(packHistory(history(points))).length;
    expect(packed).toBeLessThan(plain / 2.5);
  });

  it('pack an empty history', () => {
    const original = history([]);
    expect(unpackHistory(packHistory(original))).toEqual(original);
  });
});
