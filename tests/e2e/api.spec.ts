import { expect, test } from '@playwright/test';
import { demoRun, manifest } from './demo-manifest';

test('GET /api/runs/{id} answers the same run for either id, in the documented shape', async ({ request }) => {
  const run = demoRun('e1.tokenization');
  const byLineage = await (await request.get(`/api/runs/${run.openlineage!.runId}`)).json();
  const byMlflow = await (await request.get(`/api/runs/${run.mlflow!.runId}`)).json();
  expect(byMlflow).toEqual(byLineage);
  expect(byLineage.id).toBe(run.openlineage!.runId);
  expect(byLineage.link).toMatchObject({ rule: 'uuid' });
  expect(byLineage.lineage.inputs).toContainEqual({ namespace: run.input!.namespace, name: run.input!.name, version: run.input!.version });
  expect(byLineage.experiment.runId).toBe(run.mlflow!.runId);
});

test('NaN and Infinity metric values come back as strings, never 0', async ({ request }) => {
  const special = manifest.metricSpecials[0]!;
  const body = await (await request.get(`/api/metric-history?run=${special.mlflowRunId}&key=${special.key}`)).json();
  const point = body.points.find((p: { step: number }) => p.step === special.step);
  expect(point.value).toBe(special.value);
});

test('the list pages with a cursor and reports no unavailable source', async ({ request }) => {
  const first = await (await request.get('/api/runs?limit=5')).json();
  expect(first.runs).toHaveLength(5);
  expect(first.unavailableSources).toEqual([]);
  const second = await (await request.get(`/api/runs?limit=5&cursor=${first.nextCursor}`)).json();
  const ids = new Set([...first.runs, ...second.runs].map((r: { id: string }) => r.id));
  expect(ids.size).toBe(10);
});

test('bad input is a 400 or 404 with a message, never a 500', async ({ request }) => {
  const unknown = await request.get('/api/runs/no-such-run');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toContain('no-such-run');
  expect((await request.get('/api/runs/%01bad')).status()).toBe(400);
  expect((await request.get('/api/runs?limit=-3')).status()).toBe(400);
  expect((await request.get('/api/runs?cursor=garbage')).status()).toBe(400);
  expect((await request.get('/api/runs?status=DONE')).status()).toBe(400);
});
