import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMarquezSource } from '@/lib/sources/marquez';
import { fetchAllPages } from '@/lib/sources/marquez/paging';
import { SourceError } from '@/lib/http/source-error';
import { startStub } from './stub-setup';

// Against a Marquez whose every page answers 200 but one job-list page is slower than the deadline:
// the page is retried, a page that stays slow makes a partial read (reported), and the source stays available.
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Forwards to `target`, holding back the answer to /api/v1/jobs?…offset=`offset` for `delayMs` the first `times` times. */
async function slowJobsPage(target: string, offset: number, delayMs: number, times: number): Promise<{ url: string; slowed: () => number }> {
  let slowed = 0;
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hold = url.pathname === '/api/v1/jobs' && url.searchParams.get('offset') === String(offset) && slowed < times;
    if (hold) slowed += 1;
    setTimeout(() => {
      const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    }, hold ? delayMs : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, slowed: () => slowed };
}

async function stub() {
  const s = await startStub();
  closers.push(() => s.close());
  return s;
}

describe('one slow job-list page', () => {
  it('is retried: the read completes, nothing is reported and the source stays ok', async () => {
    const marquez = await stub();
    const full = await createMarquezSource({ url: marquez.url, retries: 0, limits: { pageSize: 5 } }).snapshot();
    const slow = await slowJobsPage(marquez.url, 10, 3000, 1);
    const source = createMarquezSource({ url: slow.url, timeoutMs: 1500, retries: 0, refreshIntervalMs: 0, limits: { pageSize: 5 } });
    const snapshot = await source.snapshot();
    expect(slow.slowed()).toBe(1);
    expect(snapshot.jobs.size).toBe(full.jobs.size);
    expect((await source.health()).status).toBe('ok');
  });

  it('that stays slow makes a partial read, reported on health, never an unavailable source', async () => {
    const marquez = await stub();
    const slow = await slowJobsPage(marquez.url, 10, 3000, 2);
    const source = createMarquezSource({ url: slow.url, timeoutMs: 1500, retries: 0, refreshIntervalMs: 60_000, limits: { pageSize: 5 } });
    const snapshot = await source.snapshot();
    expect(snapshot.jobs.size).toBe(10);
    const health = await source.health();
    expect(health.status).not.toBe('unavailable');
    expect(health.problems.map((p) => p.message).join('\n')).toMatch(/read partially: the jobs page at offset 10 failed twice/);
  });
});

describe('fetchAllPages with local page failures', () => {
  const timeout = () => new SourceError({ source: 'X', kind: 'timeout', message: 'X: GET /jobs timed out after 5000 ms' });
  const isLocal = (e: unknown) => e instanceof SourceError && e.kind === 'timeout';

  it('a failure of the first page, or one that is not local, still fails the read', async () => {
    await expect(fetchAllPages(() => Promise.reject(timeout()), { pageSize: 10, max: 100, pageFailureIsLocal: isLocal })).rejects.toThrow(/timed out/);
    const refused = new SourceError({ source: 'X', kind: 'network', message: 'X: refused' });
    let n = 0;
    const fetchPage = async () => (n++ === 0 ? { items: [1, 2], totalCount: 4 } : Promise.reject(refused));
    await expect(fetchAllPages(fetchPage, { pageSize: 2, max: 100, pageFailureIsLocal: isLocal })).rejects.toThrow(/refused/);
  });
});
