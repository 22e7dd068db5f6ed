import { describe, expect, it } from 'vitest';
import { parseChartView, writeChartView } from '@/lib/series/chart-view';

describe('chart view in the URL', () => {
  it('reads every choice and falls back to defaults on nonsense', () => {
    expect(parseChartView(new URLSearchParams('x=wall&smooth=0.6&logy=1&zoom=40_10&overlay=1'))).toEqual({ axis: 'wall', smoothing: 0.6, logY: true, zoom: [10, 40], overlay: true });
    expect(parseChartView(new URLSearchParams('x=bad&smooth=x&logy=yes&zoom=1_1'))).toEqual({ axis: 'step', smoothing: 0, logY: false, zoom: null, overlay: false });
  });

  it('round-trips and leaves defaults and other parameters alone', () => {
    const params = new URLSearchParams('charts=a,b&x=time&logy=1');
    writeChartView(params, { axis: 'step', smoothing: 0.3, logY: false, zoom: [1, 5], overlay: false });
    expect(params.toString()).toBe('charts=a%2Cb&smooth=0.3&zoom=1_5');
    expect(parseChartView(params)).toEqual({ axis: 'step', smoothing: 0.3, logY: false, zoom: [1, 5], overlay: false });
  });
});
