import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProcessIndex } from '@/lib/index/process-index';
import { receivedCounts } from '@/lib/index/received-events';
import { receiveLineage } from '@/lib/sync/receive-lineage';

const EVENTS_DIR = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a', 'openlineage', 'events');
const events = () => fs.readdirSync(EVENTS_DIR).sort().map((f) => JSON.parse(fs.readFileSync(path.join(EVENTS_DIR, f), 'utf8')) as Record<string, unknown>);
const TOKEN = 'ingest-7f3a';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://runlens/api/v1/lineage', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);
const withToken = { authorization: `Bearer ${TOKEN}` };

const saved = { ...process.env };
beforeAll(() => {
  process.env.RUNLENS_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-receive-'));
  process.env.RUNLENS_DATABASE_URL = '';
  process.env.RUNLENS_INGEST_TOKEN = TOKEN;
});
afterAll(async () => {
  await (await getProcessIndex()).close();
  process.env = saved;
});

const stored = async () => (await receivedCounts((await getProcessIndex()).db)).events;

describe('POST /api/v1/lineage (receiveLineage)', () => {
  it('requires the bearer token when RUNLENS_INGEST_TOKEN is set, and stores nothing without it', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }]) {
      const response = await receiveLineage(post(JSON.stringify(events()[0]), headers));
      expect(response.status).toBe(401);
      expect(String(response.body.error)).toMatch(/Authorization: Bearer/);
      expect(String(response.body.error)).not.toContain(TOKEN);
    }
    expect(await stored()).toBe(0);
  });

  it('answers 201 for one event and for a gzip batch, storing every event', async () => {
    const [first, ...rest] = events();
    expect(await receiveLineage(post(JSON.stringify(first), withToken))).toEqual({ status: 201, body: { stored: 1, runs: 1 } });
    const gzipped = zlib.gzipSync(JSON.stringify(rest));
    expect(await receiveLineage(post(gzipped, { ...withToken, 'content-encoding': 'gzip' }))).toEqual({ status: 201, body: { stored: 9, runs: 5 } });
    expect(await stored()).toBe(10);
  });

  it('refuses a batch with one malformed event whole, naming the event and the field', async () => {
    const batch = events().slice(0, 3);
    batch[2] = { ...batch[2], job: { namespace: 'groot-data-etl' } };
    const response = await receiveLineage(post(JSON.stringify(batch), withToken));
    expect(response).toEqual({ status: 400, body: { error: expect.stringMatching(/^OpenLineage receiver: event 2 of the batch .*job\.name/) } });
    expect(await stored()).toBe(10);
  });

  it('answers 413 past 5 MB and does not store it', async () => {
    const huge = { ...events()[0], run: { ...(events()[0]!.run as object), facets: { pad: { text: 'x'.repeat(5 * 1024 * 1024) } } } };
    const response = await receiveLineage(post(JSON.stringify(huge), withToken));
    expect(response.status).toBe(413);
    expect(await stored()).toBe(10);
  });
});
