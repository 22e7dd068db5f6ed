import { expect, test } from '@playwright/test';
import { lineageHref } from '@/lib/api/links';
import { demoRun } from './demo-manifest';

const dedup = demoRun('e2.deduplication').openlineage!;

test('explorer nodes carry a kind icon and state colour, and a minimap shows the whole graph', async ({ page }) => {
  await page.goto(lineageHref({ kind: 'job', namespace: dedup.namespace, name: dedup.job }));
  const nodes = page.getByTestId('explorer-graph').getByTestId('explorer-node');
  await expect(nodes).toHaveCount(5);
  const icon = (kind: string) => nodes.and(page.locator(`[data-kind="${kind}"]`)).first().locator('.explorer-node-label')
    .evaluate((e) => getComputedStyle(e, '::before').content);
  expect(await icon('job')).toContain('⚙');
  expect(await icon('dataset')).toContain('▤');
  // The focus job's last run completed: its box is drawn in the success colour.
  const focus = nodes.and(page.locator('[data-focus="true"]'));
  expect(await focus.evaluate((e) => getComputedStyle(e).borderLeftColor)).toBe('rgb(22, 163, 74)');
  // The minimap is a canvas: it holds the 5 nodes, has drawn them (pixels that are not white) and frames the view.
  const minimap = page.getByTestId('explorer-minimap');
  await expect(minimap).toBeVisible();
  await expect(minimap).toHaveAttribute('data-nodes', '5');
  await expect.poll(() => minimap.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250)) drawn++;
    return drawn;
  })).toBeGreaterThan(100);
  await expect(minimap.getByTestId('explorer-minimap-view')).toBeVisible();
});

test('the explorer refits when its canvas changes size (the side panel opens)', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(lineageHref({ kind: 'job', namespace: dedup.namespace, name: dedup.job }));
  const nodes = page.getByTestId('explorer-graph').getByTestId('explorer-node');
  await expect(nodes).toHaveCount(5);
  await page.setViewportSize({ width: 900, height: 900 });
  // Every node is back inside the narrower canvas.
  const canvas = page.getByTestId('explorer-graph');
  await expect.poll(async () => {
    const box = (await canvas.boundingBox())!;
    const boxes = await nodes.evaluateAll((all) => all.map((n) => n.getBoundingClientRect().right));
    return boxes.every((right) => right <= box.x + box.width + 1);
  }).toBe(true);
});
