import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { datasetHref, jobHref, lineageHref, runHref } from '@/lib/api/links';
import { demoRun } from './demo-manifest';
import { startStandalone, type StandaloneApp } from './standalone-app';

// Hostile strings in job, dataset, param, tag and facet values, from OpenLineage events and an MLflow
// file store written here: every page renders them as inert text.
const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '"><img src=x onerror="window.__pwned=1;alert(1)">';
const JS_URL = 'javascript:window.__pwned=1//';
const RLO = 'report\u202Egpj.exe';
// Route segments are capped at 1,000 characters, so this is about as long as a name can be and still have a page.
const LONG = `long-${'A'.repeat(900)}`;

const mlflowId = 'a0f1e2d3c4b5a6978877665544332211';
const runId = `${mlflowId.slice(0, 8)}-${mlflowId.slice(8, 12)}-${mlflowId.slice(12, 16)}-${mlflowId.slice(16, 20)}-${mlflowId.slice(20)}`;
const failedRunId = '11111111-2222-4333-8444-555555555555';
const job = { namespace: 'hostile', name: `etl.${SCRIPT}` };
const rtlJob = { namespace: 'hostile', name: `${RLO}.${LONG}` };
const input = { namespace: 's3://bucket', name: IMG };
const output = { namespace: 's3://bucket', name: JS_URL };
const longOutput = { namespace: 's3://bucket', name: `${LONG}/${RLO}` };

function event(eventType: string, id: string, jobRef: { namespace: string; name: string }, second: number, extra: Record<string, unknown> = {}) {
  return {
    eventType,
    eventTime: new Date(Date.UTC(2026, 10, 20, 3, 0, second)).toISOString(),
    producer: 'https://example.com/hostile',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: id, facets: extra.runFacets ?? {} },
    job: { ...jobRef, facets: extra.jobFacets ?? {} },
    inputs: extra.inputs ?? [],
    outputs: extra.outputs ?? [],
  };
}

const version = (v: string) => ({ version: { _producer: 'x', _schemaURL: 'x', datasetVersion: v } });
const events = [
  event('START', runId, job, 0, { inputs: [{ ...input, facets: version(SCRIPT) }] }),
  event('COMPLETE', runId, job, 30, {
    inputs: [{ ...input, facets: version(SCRIPT) }],
    outputs: [{ ...output, facets: { ...version(IMG), documentation: { description: SCRIPT } } }, { ...longOutput, facets: version(RLO) }],
    jobFacets: { sourceCodeLocation: { type: 'git', url: JS_URL, repoUrl: JS_URL, path: IMG, version: RLO }, documentation: { description: IMG } },
    runFacets: {
      tags: { tags: [{ key: 'owner', value: SCRIPT, source: 'USER' }, { key: IMG, value: RLO, source: 'USER' }] },
      hostile: { html: SCRIPT, link: JS_URL, rtl: RLO, long: LONG },
    },
  }),
  event('START', failedRunId, rtlJob, 40, { inputs: [{ ...output, facets: version(IMG) }] }),
  event('FAIL', failedRunId, rtlJob, 50, { runFacets: { errorMessage: { message: `${SCRIPT} ${IMG} ${RLO}`, programmingLanguage: 'python' } } }),
];

/** An MLflow file store (mlruns/) with the same run: hostile params, tags and a metric. */
function writeMlruns(root: string) {
  const experiment = path.join(root, 'mlruns', '1');
  const run = path.join(experiment, mlflowId);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write(path.join(experiment, 'meta.yaml'), `artifact_location: ${pathToFileURL(experiment).href}\nexperiment_id: '1'\nlifecycle_stage: active\nname: hostile\n`);
  write(path.join(run, 'meta.yaml'), `artifact_uri: ''\nend_time: 1795143630000\nexperiment_id: '1'\nlifecycle_stage: active\nrun_name: hostile-run\nrun_uuid: ${mlflowId}\nstart_time: 1795143600000\nstatus: 3\nuser_id: mallory\n`);
  write(path.join(run, 'params', 'threshold'), SCRIPT);
  write(path.join(run, 'params', 'link'), JS_URL);
  write(path.join(run, 'params', 'rtl'), RLO);
  write(path.join(run, 'params', 'long'), LONG);
  write(path.join(run, 'params', '"><img src=x onerror=alert(1)>'), IMG);
  write(path.join(run, 'tags', 'mlflow.runName'), 'hostile-run');
  write(path.join(run, 'tags', 'mlflow.source.git.repoURL'), JS_URL);
  write(path.join(run, 'tags', 'note'), `${IMG} ${RLO}`);
  write(path.join(run, 'metrics', 'loss'), '1795143600000 0.5 0\n1795143610000 0.25 1\n');
}

let dir: string;
let app: StandaloneApp;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-hostile-'));
  fs.mkdirSync(path.join(dir, 'openlineage'));
  events.forEach((e, i) => fs.writeFileSync(path.join(dir, 'openlineage', `event-${i}.json`), JSON.stringify(e)));
  writeMlruns(dir);
  app = await startStandalone(Number(process.env.E2E_PORT ?? 3100) + 34, {
    OPENLINEAGE_EVENTS: path.join(dir, 'openlineage'),
    MLFLOW_TRACKING_URI: path.join(dir, 'mlruns'),
  });
});
test.afterAll(() => {
  app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens a page with a tripwire: any dialog, a set window flag or a javascript: link fails the test. */
async function visitInert(page: Page, url: string, visibleText: string) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${app.base}${url}`);
  await expect(page.locator('main').getByText(visibleText, { exact: false }).filter({ visible: true }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(dialogs, url).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), url).toBeUndefined();
  expect(await page.locator('a[href^="javascript:" i], [src^="javascript:" i], img[onerror]').count(), url).toBe(0);
  // Long values wrap or clip inside the page: nothing pushes it sideways.
  const overflowing = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width + 1) return [];
    return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 1).map((e) => e.outerHTML.slice(0, 100));
  });
  expect(overflowing, `${url} is wider than the window`).toEqual([]);
  // Bidi overrides stay inside their own element, so they cannot reorder the text around them.
  const leaking = await page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
    const bad: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/[\u202A-\u202E\u2066-\u2069]/.test(node.textContent ?? '')) continue;
      const parent = node.parentElement!;
      if (!['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(parent).unicodeBidi)) bad.push(parent.outerHTML.slice(0, 120));
    }
    return bad;
  });
  expect(leaking, url).toEqual([]);
}

test('the runs list', async ({ page }) => {
  await visitInert(page, '/', SCRIPT);
});

test('the run page: params, tags, datasets, code version and raw facets', async ({ page }) => {
  await visitInert(page, runHref(runId), SCRIPT);
  await expect(page.getByTestId('params')).toContainText(IMG);
  await expect(page.getByTestId('params')).toContainText(JS_URL);
  await expect(page.getByTestId('tags')).toContainText(SCRIPT);
  await expect(page.getByTestId('code-version')).toContainText(JS_URL);
  await expect(page.getByTestId('outputs')).toContainText(JS_URL);
});

test('the failed run page shows the hostile error message as text', async ({ page }) => {
  await visitInert(page, runHref(failedRunId), SCRIPT);
});

test('the job and dataset pages', async ({ page }) => {
  await visitInert(page, jobHref(job.namespace, job.name), SCRIPT);
  await visitInert(page, jobHref(rtlJob.namespace, rtlJob.name), 'report');
  await visitInert(page, datasetHref(input.namespace, input.name), IMG);
  await visitInert(page, datasetHref(longOutput.namespace, longOutput.name), 'long-AAAA');
});

test('the lineage explorer and its side panel', async ({ page }) => {
  await visitInert(page, lineageHref({ kind: 'job', ...job }), SCRIPT);
  await page.getByTestId('explorer-node').filter({ hasText: 'onerror' }).first().click();
  await expect(page.getByTestId('explorer-panel')).toContainText(IMG);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await visitInert(page, lineageHref({ kind: 'dataset', ...longOutput }), 'long-AAAA');
});

test.describe('security headers on the demo', () => {
  const dedup = demoRun('e2.deduplication').openlineage!;
  const pages = ['/', runHref(dedup.runId), lineageHref({ kind: 'job', namespace: dedup.namespace, name: dedup.job })];
  const notFound = '/no-such-page';

  test('pages and API send CSP with a fresh nonce, frame-ancestors none, nosniff and a referrer policy', async ({ request }) => {
    const nonces = new Set<string>();
    for (const url of [...pages, '/api/health', '/api/runs']) {
      const headers = (await request.get(url)).headers();
      const csp = headers['content-security-policy'] ?? '';
      expect(csp, url).toContain("frame-ancestors 'none'");
      // Hashes: only those of the prerendered error page's inline scripts (lib/security/static-page-hashes.ts).
      expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'( 'sha256-[A-Za-z0-9+/=]{44}')* 'strict-dynamic'(;|$)/);
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['referrer-policy'], url).toBe('same-origin');
      nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
    }
    expect(nonces.size).toBe(5);
  });

  test('every script Next renders carries the nonce, and the pages work with no CSP violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy|refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation: (t: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
    });
    for (const url of [...pages, notFound]) {
      const response = await page.goto(url);
      const nonce = /'nonce-([^']+)'/.exec(response!.headers()['content-security-policy'] ?? '')?.[1];
      // The scripts in the server's HTML; chunks the router inserts later (prefetched links) are trusted
      // through 'strict-dynamic' and checked by the violation listener instead.
      const html = await response!.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => /\bnonce="([^"]*)"/.exec(m[0])?.[1] ?? null);
      expect(scripts.length, url).toBeGreaterThan(0);
      expect(scripts.every((n) => n === nonce), url).toBe(true);
      await page.waitForLoadState('networkidle');
    }
    await page.goto(pages[2]!);
    await expect(page.getByTestId('explorer-node').first()).toBeVisible();
    await page.goto(pages[1]!);
    await expect(page.getByTestId('metric-chart').first()).toBeVisible();
    expect(violations).toEqual([]);
  });
});
