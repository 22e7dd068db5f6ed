import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ClientQueues } from '@/lib/security/client-queue';
import { CLIENT_REQUESTS_AT_ONCE } from '@/lib/security/client-queue';
import type { RenderGate } from '@/lib/security/render-gate';
import { RENDERS_AT_ONCE } from '@/lib/security/render-gate';
import { guardedServerForSuite } from './guarded-server';

// The guard's process-wide queues (request-guard.ts keeps them on globalThis).
const guardState = globalThis as typeof globalThis & { __runlensClientQueues?: ClientQueues; __runlensRenderGate?: RenderGate };

// Node answers pipelined requests in order: the response of one read before the previous response finished
// waits for the socket, and when the socket closes first it never emits 'close'. Slots released on 'close'
// only were lost for good: an address, and with heavy pages every client, stopped being answered.
describe('pipelined requests whose connection closes', () => {
  const guarded = guardedServerForSuite();

  /** One connection that sends `paths` pipelined (the first held by the app), then is destroyed. */
  async function pipelineAndLeave(localAddress: string, paths: string[]): Promise<void> {
    const socket = net.connect({ port: guarded.port, host: '127.0.0.1', localAddress });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''));
    await expect.poll(() => guarded.held.length).toBe(1);
    socket.destroy();
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    guarded.held.splice(0);
  }

  const get = (localAddress: string, path: string) => new Promise<number>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: guarded.port, path, localAddress, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });

  it("give back their client's queue slots", async () => {
    const pipelined = ['/hold', ...Array.from({ length: CLIENT_REQUESTS_AT_ONCE + 4 }, (_, i) => `/api/x${i}`)];
    await pipelineAndLeave('127.0.0.21', pipelined);
    // Before: CLIENT_REQUESTS_AT_ONCE slots of 127.0.0.21 stayed taken, and its next request waited forever.
    await expect.poll(() => guardState.__runlensClientQueues!.clients()).toBe(0);
    expect(await get('127.0.0.21', '/api/after')).toBe(200);
  });

  it('give back their render slots, which every client shares', async () => {
    const pipelined = ['/hold', ...Array.from({ length: RENDERS_AT_ONCE + 2 }, (_, i) => `/runs/r${i}`)];
    await pipelineAndLeave('127.0.0.22', pipelined);
    await expect.poll(() => guardState.__runlensRenderGate!.state()).toEqual({ rendering: 0, waiting: 0 });
    expect(await get('127.0.0.23', '/runs/other')).toBe(200);
  });
});
