import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO_PAGES } from './demo-pages';

// WCAG 2.1 A and AA rules; every page, in the light and the dark scheme (a test per page: axe over a whole
// page takes seconds on a busy machine, and one test over every page outgrew its time limit).
for (const scheme of ['light', 'dark'] as const) {
  for (const { name, url } of DEMO_PAGES) {
    test(`axe finds no critical or serious violation on ${name} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const found = violations.filter((x) => x.impact === 'critical' || x.impact === 'serious')
        .map((v) => `${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(found).toEqual([]);
    });
  }
}
