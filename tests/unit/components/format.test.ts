import { describe, expect, it, vi } from 'vitest';
import { formatNumber } from '@/components/ui/format';

describe('formatNumber', () => {
  it('groups the thousands of an integer as en-US does, signs and all', () => {
    for (const n of [0, 7, 999, 1_000, 83_456, -1_234_567, 512_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
      expect(formatNumber(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it("formats integers without Intl (a page's first Intl call loads ICU data)", () => {
    const intl = vi.spyOn(Number.prototype, 'toLocaleString');
    try {
      expect(formatNumber(83_456)).toBe('83,456');
      expect(intl).not.toHaveBeenCalled();
    } finally {
      intl.mockRestore();
    }
  });

  it('keeps six significant digits of a fraction and names what is not a number', () => {
    expect(formatNumber(0.15404)).toBe('0.15404');
    expect(formatNumber(980.4991234)).toBe('980.499');
    expect(formatNumber(1e21)).toBe((1e21).toLocaleString('en-US'));
    expect([formatNumber(NaN), formatNumber(Infinity), formatNumber(-Infinity), formatNumber(null)]).toEqual(['NaN', '+Infinity', '-Infinity', '—']);
  });
});
