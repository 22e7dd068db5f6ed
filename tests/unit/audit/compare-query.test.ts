import { describe, expect, it } from 'vitest';
import { compareHref } from '@/lib/api/links';
import { chartChoices, parseCompareRuns, parseCompareView } from '@/lib/audit/compare-query';

describe('parseCompareRuns', () => {
  it('takes comma-separated or repeated ids, trimmed and de-duplicated', () => {
    expect(parseCompareRuns('a, b,,a')).toEqual({ ok: true, ids: ['a', 'b'] });
    expect(parseCompareRuns(['a', 'b,c'])).toEqual({ ok: true, ids: ['a', 'b', 'c'] });
  });

  it('refuses fewer than two, more than six, and malformed ids with a message', () => {
    expect(parseCompareRuns(undefined)).toMatchObject({ ok: false, error: expect.stringContaining('No runs to compare') });
    expect(parseCompareRuns('a')).toMatchObject({ ok: false, error: expect.stringContaining('Only one run given (a)') });
    expect(parseCompareRuns('1,2,3,4,5,6,7')).toMatchObject({ ok: false, error: '7 runs given: at most 6 runs can be compared at once.' });
    expect(parseCompareRuns('a,b\u0001')).toMatchObject({ ok: false, error: expect.stringContaining('control characters') });
  });
});

describe('the compare view in the URL', () => {
  it('reads all=1 and the chosen charts, and writes them back', () => {
    const view = parseCompareView({ all: '1', charts: 'loss, rate,' });
    expect(view).toEqual({ all: true, charts: ['loss', 'rate'] });
    expect(parseCompareView({})).toEqual({ all: false, charts: null });
    expect(compareHref(['a/b/c', 'x'], view)).toBe('/compare?runs=a%2Fb%2Fc,x&all=1&charts=loss,rate');
    expect(compareHref(['a', 'b'])).toBe('/compare?runs=a,b');
  });

  it('overlays the changed histories first, at most four, unless the URL picks', () => {
    const metric = (key: string, status: string, hasHistory = true) => ({ key, status, hasHistory });
    const metrics = [metric('a', 'same'), metric('b', 'changed'), metric('c', 'same'), metric('d', 'changed', false), metric('e', 'only-in'), metric('f', 'same'), metric('g', 'same')];
    expect(chartChoices(metrics, null)).toEqual({ keys: ['a', 'b', 'c', 'e', 'f', 'g'], shown: ['b', 'e', 'a', 'c'], total: 6 });
    expect(chartChoices(metrics, ['g', 'd', 'nope']).shown).toEqual(['g']);
  });
});
