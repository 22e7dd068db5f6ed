import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiComparisonSchema, apiRunSchema } from '@/lib/api/contract';
import { auditHref, compareHref, datasetHref, jobHref, runHref } from '@/lib/api/links';
import { buildNodeParam } from '@/lib/graph/explorer-node-param';
import { startStandalone, type StandaloneApp } from './standalone-app';

// Hostile sizes, not strings: two runs of one job that each read 100,000 datasets (every version changed
// between them), report 20,000 params (executionParameters) and, for one, a 10 MB run facet. Every page and
// API answer about them is bounded and says what it left out. No timings: sizes, counts and "showing" text.
const INPUTS = 100_000;
const PARAMS = 20_000;
const FACET_BYTES = 10 * 1024 * 1024;
const runA = '5e1f0a00-0000-4000-8000-00000000000a';
const runB = '5e1f0a00-0000-4000-8000-00000000000b';
const job = { namespace: 'hostile-size', name: 'wide.stage' };

/** One COMPLETE event, written as text piece by piece (a 20 MB object would only be stringified anyway). */
function writeEvent(file: string, runId: string, second: number, version: string, bigFacet: boolean) {
  const inputs = Array.from({ length: INPUTS }, (_, i) => `{"namespace":"s3://wide","name":"in/${i}","facets":{"version":{"_producer":"x","_schemaURL":"x","datasetVersion":"${version}-${i}"}}}`);
  const params = Array.from({ length: PARAMS }, (_, i) => `{"key":"p${i}","value":"${version}${i}"}`);
  const facets = [
    `"executionParameters":{"_producer":"x","_schemaURL":"x","parameters":[${params.join(',')}]}`,
    ...(bigFacet ? [`"huge":{"_producer":"x","_schemaURL":"x","blob":"${'x'.repeat(FACET_BYTES)}"}`] : []),
  ];
  const time = new Date(Date.UTC(2026, 10, 20, 3, 0, second)).toISOString();
  fs.writeFileSync(file, `{"eventType":"COMPLETE","eventTime":"${time}","producer":"https://example.com/wide","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",`
    + `"run":{"runId":"${runId}","facets":{${facets.join(',')}}},"job":${JSON.stringify(job)},"inputs":[${inputs.join(',')}],"outputs":[{"namespace":"s3://wide","name":"out","facets":{}}]}`);
}

let dir: string;
let app: StandaloneApp;

/** A GET on a connection of its own (no keep-alive), its body as text. */
function getOnce(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
    }).on('error', reject);
  });
}

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-size-'));
  fs.mkdirSync(path.join(dir, 'openlineage'));
  writeEvent(path.join(dir, 'openlineage', 'a.json'), runA, 0, 'v1', true);
  writeEvent(path.join(dir, 'openlineage', 'b.json'), runB, 30, 'v2', false);
  app = await startStandalone(Number(process.env.E2E_PORT ?? 3100) + 35, { OPENLINEAGE_EVENTS: path.join(dir, 'openlineage') });
  // Indexed when both runs list (the first answers may come before the files are read).
  // A new connection per poll: indexing 100,000 inputs holds the event loop past the keep-alive timeout, and a
  // reused socket the server is closing meanwhile resets (a browser retries that; fetch does not).
  const indexed = async () => {
    try {
      return (JSON.parse(await getOnce(`${app.base}/api/runs?limit=5`)) as { total: number }).total;
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the server printed:\n${app.output().slice(-4000)}`);
    }
  };
  await expect.poll(indexed, { timeout: 240_000, intervals: [2000] }).toBe(2);
});
test.afterAll(() => {
  app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function body(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(`${app.base}${url}`, { timeout: 240_000 });
  expect(response.status(), url).toBe(200);
  // React separates adjacent text with <!-- -->: read the text as a person would.
  return (await response.text()).replaceAll('<!-- -->', '');
}

test('the run page shows windows of inputs and params and cuts the 10 MB facet', async ({ request }) => {
  const html = await body(request, runHref(runA));
  expect(html.length).toBeLessThan(3 * 1024 * 1024);
  expect(html).toContain('Showing 1–200 of 100,000 inputs');
  expect(html).toMatch(/10,485,\d{3} bytes: the first 65,536 bytes are shown/);
});

test('GET /api/runs/{id}: 1,000 inputs and params from their offsets, the big facet named with its size and raw URL', async ({ request }) => {
  const text = await body(request, `/api${runHref(runA)}?inputs=99500`);
  expect(text.length).toBeLessThan(1024 * 1024);
  const run = apiRunSchema.parse(JSON.parse(text));
  expect(run.lineage).toMatchObject({ inputsOffset: 99_500, inputsTotal: INPUTS });
  expect(run.lineage!.inputs).toHaveLength(500);
  const cut = run.lineage!.facetsCut!.find((f) => f.name === 'huge')!;
  expect(cut.bytes).toBeGreaterThan(FACET_BYTES);
  expect(run.lineage!.facets).not.toHaveProperty('huge');
  const raw = await request.get(`${app.base}${cut.href}`, { timeout: 120_000 });
  expect(raw.status()).toBe(200);
  expect((await raw.body()).length).toBe(cut.bytes);
});

test('compare: the page and the API answer windows of 200 with totals and paging links', async ({ request }) => {
  const html = await body(request, compareHref([runA, runB]));
  expect(html.length).toBeLessThan(3 * 1024 * 1024);
  expect(html).toContain('Showing 1–200 of 100,000 inputs');
  expect(html).toContain('Showing 1–200 of 20,000 differing params');
  expect(html).toContain(`inputs=200`);
  const text = await body(request, `/api/compare?runs=${runA},${runB}&params=19900`);
  expect(text.length).toBeLessThan(1024 * 1024);
  const api = apiComparisonSchema.parse(JSON.parse(text));
  expect(api.windows.inputs).toMatchObject({ offset: 0, shown: 200, total: INPUTS });
  expect(api.windows.params).toMatchObject({ offset: 19_900, shown: 100, total: PARAMS });
  expect(api.pairs[0]!.upstream.root.totals).toMatchObject({ inputs: INPUTS, params: PARAMS });
});

test('the audit page shows 200 rows a table and cuts the facet; the JSON download is the whole report', async ({ request }) => {
  const html = await body(request, auditHref(runA));
  expect(html.length).toBeLessThan(3 * 1024 * 1024);
  expect(html).toContain('Showing 1–200 of 100,000 inputs; the JSON and Markdown downloads list them all.');
  expect(html).toMatch(/10,485,\d{3} bytes: the first 65,536 bytes are shown/);
});

test('the job page, a dataset page and the explorer answer bounded', async ({ request }) => {
  const jobHtml = await body(request, jobHref(job.namespace, job.name));
  expect(jobHtml.length).toBeLessThan(2 * 1024 * 1024);
  expect(jobHtml).toContain('showing 20 of 100,000 inputs');
  const datasetHtml = await body(request, datasetHref('s3://wide', 'in/7'));
  expect(datasetHtml.length).toBeLessThan(1024 * 1024);
  const explorer = await body(request, `/api/lineage?node=${encodeURIComponent(buildNodeParam({ kind: 'job', ...job }))}`);
  expect(explorer.length).toBeLessThan(2 * 1024 * 1024);
  const graph = JSON.parse(explorer) as { total: number; shown: number; nodes: unknown[] };
  expect(graph.nodes.length).toBeLessThanOrEqual(1500);
  expect(graph.total).toBeGreaterThan(graph.shown);
});
