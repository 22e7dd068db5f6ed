import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OL_RUN_IDS, startWandbStub, type WandbStub } from '@/tests/stubs/wandb';
import { generateDemoData } from '../../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../../scripts/demo-data/manifest.mjs';

let stub: WandbStub;

beforeAll(async () => {
  stub = await startWandbStub({ apiKey: 'k-123' });
});
afterAll(async () => {
  await stub.close();
});

const basic = (key: string) => `Basic ${Buffer.from(`api:${key}`).toString('base64')}`;

async function post(query: string, variables: Record<string, unknown> = {}, key = 'k-123') {
  const res = await fetch(`${stub.url}/graphql`, { method: 'POST', headers: { authorization: basic(key), 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('W&B stub', () => {
  it('answers a valid query from the fixtures', async () => {
    const { status, text } = await post('query P($e: String!, $p: String!) { project(name: $p, entityName: $e) { runs(first: 2) { edges { node { name state createdAt } } pageInfo { hasNextPage } } } }', { e: 'groot-team', p: 'groot-data-etl' });
    expect(status).toBe(200);
    const body = JSON.parse(text);
    expect(body.data.project.runs.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['d1l0ad3x', 'k7d3dup1']);
    expect(body.data.project.runs.edges[0].node.createdAt).toBe('2026-11-20T02:00:01');
    expect(body.data.project.runs.pageInfo.hasNextPage).toBe(true);
  });

  it('rejects a field the schema lacks, as the real API does', async () => {
    const { status, text } = await post('{ project(name: "groot-data-etl", entityName: "groot-team") { run(name: "k7d3dup1") { name bogusField } } }');
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].message).toBe('Cannot query field "bogusField" on type "Run".');
  });

  it('evaluates order and createdAt/updatedAt filters as W&B does (MongoDB-style $gt/$gte/$lt/$lte)', async () => {
    const query = 'query P($f: JSONString, $o: String) { project(name: "groot-data-etl", entityName: "groot-team") { runs(filters: $f, order: $o, first: 10) { edges { node { name updatedAt } } } } }';
    const names = async (filters: unknown, order: string) => {
      const { text } = await post(query, { f: JSON.stringify(filters), o: order });
      return JSON.parse(text).data.project.runs.edges.map((e: { node: { name: string } }) => e.node.name);
    };
    expect(await names({ createdAt: { $gt: '2026-11-22T00:00:00' } }, '-created_at')).toEqual(['pr0b3run', 'e3f1lt7r', 'cr4sh3d0']);
    // A zone in the filter is honoured; fixture times are UTC without one. updatedAt is the heartbeat here.
    expect(await names({ updatedAt: { $gte: '2026-11-25T02:29:57Z', $lt: '2026-11-25T09:14:30' } }, '+updated_at')).toEqual(['e3f1lt7r']);
    expect(await names({ updatedAt: { $lte: '2026-11-20T02:24:05' } }, '-updated_at')).toEqual(['k7d3dup1', 'd1l0ad3x']);
    const { text } = await post(query, { f: JSON.stringify({ updatedAt: { $ne: '2026-11-20T02:00:00' } }), o: '+updated_at' });
    expect(JSON.parse(text).errors[0].message).toBe('filter operator $ne is not supported by the stub');
  });

  it('refuses a wrong API key with a plain-text 401', async () => {
    const { status, text, headers } = await post('{ project(name: "x", entityName: "y") { name } }', {}, 'wrong');
    expect(status).toBe(401);
    expect(headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.trim()).toBe('Unauthorized');
  });

  it('writes non-finite numbers as bare tokens: inside summaryMetrics and in sampled history', async () => {
    const { text } = await post('{ project(name: "groot-data-etl", entityName: "groot-team") { run(name: "k7d3dup1") { summaryMetrics sampledHistory(specs: ["{\\"keys\\": [\\"_step\\", \\"gpu_utilization\\"], \\"samples\\": 1000}"]) } } }');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toMatch(/"gpu_utilization":NaN/);
    const summary = /"summaryMetrics":("(?:[^"\\]|\\.)*")/.exec(text)?.[1] ?? '""';
    expect(JSON.parse(summary)).toContain('"gpu_utilization":NaN');
  });

  it('counts requests and injects 429 with Retry-After', async () => {
    const before = stub.requests.length;
    stub.rateLimit({ count: 1, header: 'retry-after', seconds: 2 });
    const limited = await post('{ project(name: "groot-data-etl", entityName: "groot-team") { name } }');
    const next = await post('query Named { project(name: "groot-data-etl", entityName: "groot-team") { name } }');
    expect([limited.status, next.status]).toEqual([429, 200]);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(stub.requests.slice(before).map((r) => [r.status, r.operationName])).toEqual([[429, null], [200, 'Named']]);
  });

  it('names OpenLineage runs that exist in the demo data', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-wandb-demo-'));
    try {
      generateDemoData({ outDir: dir, force: true });
      const manifest: DemoManifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      for (const [label, runId] of Object.entries(OL_RUN_IDS)) expect(manifest.runs.find((r) => r.label === label)?.openlineage?.runId).toBe(runId);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
