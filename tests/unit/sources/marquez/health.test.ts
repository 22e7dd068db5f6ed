import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMarquezSource, type MarquezClient } from '@/lib/sources/marquez';
import { MarquezReachability, PROBE_INTERVAL_MS } from '@/lib/sources/marquez/reachability';
import { SourceError } from '@/lib/http/source-error';
import type { FeedContext } from '@/lib/sources/ports';
import { startMarquezStub, syntheticGraphEvents, type MarquezStub } from '@/tests/stubs/marquez';
import { caught } from '../../caught';

// Marquez's card and exact runs without a copy of Marquez in memory: nothing lists its jobs or datasets.
const context: FeedContext = { runningRunIds: () => Promise.resolve([]) };
const LISTINGS = /^\/api\/v1\/(jobs|namespaces\/[^/]+\/(jobs|datasets))$/;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function stubWith(events: unknown[]): Promise<MarquezStub> {
  const stub = await startMarquezStub({ events });
  closers.push(() => stub.close());
  return stub;
}

/** Forwards to `target`, but answers `/api/v1/events/lineage` with 503 like an overloaded Marquez. */
async function withoutEvents(target: string): Promise<string> {
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/api/v1/events/lineage')) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Service Unavailable');
      return;
    }
    const forward = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('Marquez health', () => {
  it('asks one one-item namespaces page, and nothing again within the probe interval; no job or dataset listing', async () => {
    const stub = await stubWith(syntheticGraphEvents(300, 300, 600));
    const source = createMarquezSource({ url: stub.url });
    const [first, second] = await Promise.all([source.health(), source.health()]);
    const third = await source.health();
    expect([first.status, second.status, third.status]).toEqual(['ok', 'ok', 'ok']);
    expect(stub.requests.map((r) => [r.path, new URLSearchParams(r.query).get('limit')])).toEqual([['/api/v1/namespaces', '1']]);
    expect(first.details.lastSuccess).toMatch(/^\d{4}-/);
  });

  it("counts what the feed read, and takes the feed's answers as the check instead of probing", async () => {
    const stub = await stubWith(syntheticGraphEvents(30, 30, 60));
    const source = createMarquezSource({ url: stub.url, feedPacing: { firstPage: 10, page: 50, followIntervalMs: 20_000, lookbackMs: 120_000 } });
    const feed = source.changeFeed();
    const batch = await feed.changes(null, context);
    await feed.changes(batch.cursor, context);
    const health = await source.health();
    expect(health.status).toBe('ok');
    expect(health.counts).toEqual({ eventsRead: 60, unreadableEvents: 0 });
    expect(health.details.eventFeed).toBe('reading history, newest first: 60 events read');
    expect(stub.requests.every((r) => r.path === '/api/v1/events/lineage')).toBe(true);
    expect(stub.requests.some((r) => LISTINGS.test(r.path))).toBe(false);
  });

  it('is unavailable with since when while the feed fails, and ok again once it reads', async () => {
    const stub = await stubWith(syntheticGraphEvents(5, 5, 10));
    const port = Number(new URL(stub.url).port);
    const source = createMarquezSource({ url: stub.url, retries: 0 });
    const feed = source.changeFeed();
    const { cursor } = await feed.changes(null, context);
    await stub.close();
    closers.splice(0);
    const error = await caught(feed.changes(cursor, context));
    expect(error.kind).toBe('network');
    const down = await source.health();
    expect(down.status).toBe('unavailable');
    expect(down.error).toMatch(/^Marquez: GET \/api\/v1\/events\/lineage failed: connection refused .*\(failing since \d{4}-.*; the index keeps what it read\)$/);
    expect(down.details).toMatchObject({ lastSuccess: expect.stringMatching(/^\d{4}-/), failingSince: expect.stringMatching(/^\d{4}-/) });
    const back = await startMarquezStub({ events: syntheticGraphEvents(5, 5, 10), port });
    closers.push(() => back.close());
    await feed.changes(cursor, context);
    const healed = await source.health();
    expect(healed).toMatchObject({ status: 'ok', error: null });
    expect(healed.details.failingSince).toBeUndefined();
    expect(back.requests.map((r) => r.path)).toEqual(['/api/v1/events/lineage']);
  });

  it('with Marquez never reached: unavailable, naming the failure, with no last success', async () => {
    const stub = await stubWith([]);
    const url = stub.url;
    await stub.close();
    closers.splice(0);
    const health = await createMarquezSource({ url, retries: 0 }).health();
    expect(health).toMatchObject({ id: 'marquez', label: 'Marquez', kind: 'lineage', status: 'unavailable', configured: true, counts: {} });
    expect(health.error).toMatch(/^Marquez: GET \/api\/v1\/namespaces failed: connection refused/);
    expect(health.details.lastSuccess).toBeUndefined();
  });
});

describe('MarquezReachability', () => {
  it('waits for the first probe only; later, a page gets what is known while the next probe runs', async () => {
    let clock = 0;
    const answers: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
    const client = { namespaces: () => new Promise((resolve, reject) => answers.push({ resolve: () => resolve({ namespaces: [] }), reject })) } as unknown as MarquezClient;
    const reach = new MarquezReachability(client, () => clock);
    const first = reach.current();
    answers[0]!.resolve();
    expect((await first).error).toBeNull();
    clock += PROBE_INTERVAL_MS;
    // Marquez now hangs: the probe is sent, but the answer is the last known state, not a wait for the deadline.
    expect((await reach.current()).error).toBeNull();
    expect(answers).toHaveLength(2);
    expect((await reach.current()).error).toBeNull();
    expect(answers).toHaveLength(2);
    answers[1]!.reject(new SourceError({ source: 'Marquez', kind: 'timeout', message: 'Marquez: GET /api/v1/namespaces timed out after 5000 ms' }));
    await new Promise((resolve) => setImmediate(resolve));
    const after = await reach.current();
    expect(after.error?.message).toBe('Marquez: GET /api/v1/namespaces timed out after 5000 ms');
    expect(after.failingSince).not.toBeNull();
    expect(answers).toHaveLength(2);
  });
});

describe('MarquezReachability while other calls fail', () => {
  it('sends no probe while lib/http counts failed calls to Marquez in a row', async () => {
    let clock = 0;
    let failures = 0;
    let probes = 0;
    const client = { namespaces: () => { probes += 1; return Promise.resolve({ namespaces: [] }); } } as unknown as MarquezClient;
    const reach = new MarquezReachability(client, () => clock, () => failures);
    await reach.current();
    expect(probes).toBe(1);
    clock += PROBE_INTERVAL_MS;
    failures = 3;
    await reach.current();
    expect(probes).toBe(1);
    failures = 0;
    await reach.current();
    expect(probes).toBe(2);
  });
});

describe('exactRun when the events are out of reach and Marquez names no job for the run', () => {
  const RUN = '00000000-0000-4000-8000-000000000042';
  // A run that only started: Marquez gives its job a version (and the run a jobVersion) once it finishes.
  const started = {
    eventType: 'START', eventTime: '2026-11-28T10:00:00Z', producer: 'https://example.com/runlens-test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: RUN }, job: { namespace: 'adhoc', name: 'still-running' }, inputs: [], outputs: [],
  };

  it("takes the job the index holds for the run, without listing Marquez's jobs", async () => {
    const stub = await stubWith([started]);
    const source = createMarquezSource({ url: await withoutEvents(stub.url), retries: 0 });
    const found = await source.exactRun?.(RUN, { job: { namespace: 'adhoc', name: 'still-running' } });
    expect(found?.basis).toBe('source-record');
    expect(found?.run).toMatchObject({ runId: RUN, state: 'RUNNING', job: { namespace: 'adhoc', name: 'still-running' } });
    expect(stub.requests.some((r) => LISTINGS.test(r.path))).toBe(false);
  });

  it('says the run names no job when nothing else does', async () => {
    const stub = await stubWith([started]);
    const source = createMarquezSource({ url: await withoutEvents(stub.url), retries: 0 });
    const error = await caught(source.exactRun!(RUN));
    expect(error.message).toMatch(/Service Unavailable|503/);
  });
});
