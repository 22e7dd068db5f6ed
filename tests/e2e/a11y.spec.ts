import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO_PAGES } from './demo-pages';

// WCAG 2.1 A and AA rules; every page, in the light and the dark scheme.
for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no critical or serious violation on any page (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const { name, url } of DEMO_PAGES) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of violations.filter((x) => x.impact === 'critical' || x.impact === 'serious')) {
        found.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
    expect(found).toEqual([]);
  });
}
