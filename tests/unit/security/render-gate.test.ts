import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRenderGate, isHeavyPage, RENDERS_AT_ONCE } from '@/lib/security/render-gate';
import { installRequestGuard } from '@/lib/security/request-guard';

describe('render gate', () => {
  it('renders at most `max` at once; the rest start in arrival order as renders end', () => {
    const gate = createRenderGate(2, 10);
    const started: number[] = [];
    const tickets = [1, 2, 3, 4].map((n) => gate.enter(() => started.push(n))!);
    expect(started).toEqual([1, 2]);
    expect(gate.state()).toEqual({ rendering: 2, waiting: 2 });
    tickets[1]!.leave();
    tickets[1]!.leave();
    expect(started).toEqual([1, 2, 3]);
    tickets[0]!.leave();
    expect(started).toEqual([1, 2, 3, 4]);
    expect(gate.state()).toEqual({ rendering: 2, waiting: 0 });
  });

  it('a client that leaves while waiting gives up its place and never renders', () => {
    const gate = createRenderGate(1, 10);
    const started: string[] = [];
    const first = gate.enter(() => started.push('a'))!;
    const gone = gate.enter(() => started.push('b'))!;
    gate.enter(() => started.push('c'));
    gone.leave();
    first.leave();
    expect(started).toEqual(['a', 'c']);
    expect(gate.state()).toEqual({ rendering: 1, waiting: 0 });
  });

  it('refuses (null, nothing started) once the queue is full', () => {
    const gate = createRenderGate(1, 1);
    const started: string[] = [];
    expect(gate.enter(() => started.push('a'))).not.toBeNull();
    expect(gate.enter(() => started.push('b'))).not.toBeNull();
    expect(gate.enter(() => started.push('c'))).toBeNull();
    expect(started).toEqual(['a']);
  });

  it('a waiting render starts in the async context it entered in, not in that of the render whose end freed its slot', () => {
    // Next snapshots the async context of each request it starts: run in the ending request's context, every queued
    // request's store held the one before it, a chain of all the requests a busy queue passed.
    const requestOf = new AsyncLocalStorage<string>();
    const gate = createRenderGate(1, 10);
    const seen: Array<string | undefined> = [];
    const first = requestOf.run('first', () => gate.enter(() => seen.push(requestOf.getStore()))!);
    const second = requestOf.run('second', () => gate.enter(() => seen.push(requestOf.getStore()))!);
    requestOf.run('third', () => gate.enter(() => seen.push(requestOf.getStore())));
    requestOf.run('first, ending', () => first.leave());
    requestOf.run('second, ending', () => second.leave());
    expect(seen).toEqual(['first', 'second', 'third']);
  });

  it('gates the run, compare and audit pages only', () => {
    expect(['/runs/abc', '/runs/a/b?x=1', '/compare?runs=a,b', '/compare', '/audit/abc'].map((u) => isHeavyPage('GET', u))).toEqual([true, true, true, true, true]);
    expect(['/', '/api/runs/abc', '/api/compare?runs=a,b', '/runsx', '/jobs/ns/name', '/_next/static/x.js'].map((u) => isHeavyPage('GET', u))).toEqual([false, false, false, false, false, false]);
    expect(isHeavyPage('POST', '/runs/abc')).toBe(false);
  });
});

describe('the request guard queues heavy page renders', () => {
  it(`lets ${RENDERS_AT_ONCE} run, pages and APIs past; the next starts when one ends`, async () => {
    installRequestGuard();
    const held: http.ServerResponse[] = [];
    const server = http.createServer((request, response) => {
      if (request.url?.startsWith('/runs/')) held.push(response);
      else response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path: string, localAddress = '127.0.0.1') => new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path, localAddress, agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      }).on('error', reject);
    });
    try {
      const pages = Array.from({ length: RENDERS_AT_ONCE + 2 }, (_, i) => get(`/runs/${i}`, `127.0.1.${i + 1}`));
      await expect.poll(() => held.length, { timeout: 10_000 }).toBe(RENDERS_AT_ONCE);
      // Not held behind them: other paths.
      expect(await get('/api/runs/0')).toBe(200);
      expect(await get('/')).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(held).toHaveLength(RENDERS_AT_ONCE);
      held[0]!.end('done');
      await expect.poll(() => held.length, { timeout: 10_000 }).toBe(RENDERS_AT_ONCE + 1);
      for (const response of held.slice(1)) response.end('done');
      await expect.poll(() => held.length, { timeout: 10_000 }).toBe(RENDERS_AT_ONCE + 2);
      held.at(-1)!.end('done');
      expect(await Promise.all(pages)).toEqual(pages.map(() => 200));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
