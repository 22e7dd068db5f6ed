import { expect, test } from '@playwright/test';
import { demoRun } from './demo-manifest';

const dedup = demoRun('e2.deduplication');
const failed = demoRun('e3.filtering');

function meta(html: string, key: string): string | null {
  const match = html.match(new RegExp(`<meta (?:property|name)="${key.replace('.', '\\.')}" content="([^"]*)"`));
  return match ? match[1]!.replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"') : null;
}

test('a run link unfurls with job · state, key metrics and input versions, and a card image', async ({ request }) => {
  const html = await (await request.get(`/runs/${dedup.openlineage!.runId}`, { headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' } })).text();
  expect(meta(html, 'og:title')).toBe(`${dedup.openlineage!.job} · COMPLETED`);
  const description = meta(html, 'og:description')!;
  expect(description).toContain(`${dedup.input!.name}@${dedup.input!.version}`);
  expect(description).toMatch(/final_dedup_rate 0\.\d+/);
  expect(meta(html, 'twitter:card')).toBe('summary_large_image');
  const image = meta(html, 'og:image')!;
  expect(image).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/og/runs/${dedup.openlineage!.runId}$`));

  const png = await request.get(new URL(image).pathname);
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
  const bytes = await png.body();
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
});

test('compare and audit links unfurl too, a failed run says so', async ({ request }) => {
  const compare = await (await request.get(`/compare?runs=${dedup.openlineage!.runId},${failed.openlineage!.runId}`)).text();
  expect(meta(compare, 'og:title')).toBe(`Compare ${dedup.openlineage!.job} (COMPLETED) vs ${failed.openlineage!.job} (FAILED)`);
  expect(meta(compare, 'og:image')).toContain(`/api/og/runs/${failed.openlineage!.runId}`);

  const audit = await (await request.get(`/audit/${failed.openlineage!.runId}`)).text();
  expect(meta(audit, 'og:title')).toBe(`Audit · ${failed.openlineage!.job} · FAILED`);
  expect(meta(audit, 'og:description')).toContain('Hashed audit report');
});

test('an unknown run has no card image and the image route says 404', async ({ request }) => {
  const missing = await request.get('/api/og/runs/00000000-0000-4000-8000-000000000000');
  expect(missing.status()).toBe(404);
});
