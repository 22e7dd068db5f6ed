import { describe, expect, it } from 'vitest';
import { outsideUntabled } from '@/components/layout/scroll-regions';

/** An element inside the given ancestors (by selector), as closest() sees it. */
function element(...ancestors: string[]) {
  const node = {
    parentElement: null,
    closest: (selectors: string) => (selectors.split(',').some((s) => ancestors.includes(s.trim())) ? node : null),
  };
  return node as unknown as Element;
}
const text = (parent: Element) => ({ parentElement: parent }) as unknown as Text;

describe('outsideUntabled', () => {
  it('ignores changes inside a chart or a graph (tooltips and crosshairs move on every pointer move)', () => {
    expect(outsideUntabled([{ target: element('.chart-plot') }, { target: text(element('.react-flow')) }])).toBe(false);
  });
  it('re-checks when anything else changed, text included', () => {
    expect(outsideUntabled([{ target: element('.chart-plot') }, { target: element('.panel') }])).toBe(true);
    expect(outsideUntabled([{ target: text(element()) }])).toBe(true);
  });
});
