import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { Pool } from 'undici';
import { demoRun } from './demo-manifest';
import { startStandalone, type StandaloneApp } from './standalone-app';

// SIGTERM (a rolling deploy, `docker stop`) under load left the server rendering for 30 s and more: Next closes its
// listener, then waits for every connection, and busy keep-alive connections kept bringing requests (542 run pages
// answered after the signal, still going when killed at 30 s). Now the listener closes at once, a request arriving
// or still queued is answered 503 with Connection: close, and the process exits once the renders in flight are done.
const port = Number(process.env.E2E_PORT ?? 3100) + 61;
const CONNECTIONS = 100;
const demo = {
  OPENLINEAGE_EVENTS: path.resolve('.demo-data', 'openlineage'),
  MLFLOW_TRACKING_URI: `sqlite:///${path.resolve('.demo-data', 'mlflow.db')}`,
};

/** CONNECTIONS keep-alive clients, each asking for `url` again as soon as answered, until the server goes away. */
function load(url: string) {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONNECTIONS, pipelining: 1 });
  const answers: Array<{ at: number; status: number }> = [];
  let stopped = false;
  const loops = Array.from({ length: CONNECTIONS }, async () => {
    while (!stopped) {
      try {
        const response = await pool.request({ path: url, method: 'GET' });
        await response.body.text();
        answers.push({ at: performance.now(), status: response.statusCode });
      } catch {
        // refused or cut: the server is going away; keep trying until stopped, as a load balancer's clients would
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return {
    answers,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      await pool.destroy();
    },
  };
}

function connectionRefused(): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve('accepted')));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

test('SIGTERM under load: listener closed at once, nothing new rendered, the process gone once the renders in flight are done', async () => {
  test.setTimeout(120_000);
  const app = await startStandalone(port, demo);
  const killer = setTimeout(() => process.kill(app.pid, 'SIGKILL'), 60_000);
  try {
    await shutDownUnderLoad(app);
  } finally {
    clearTimeout(killer);
    try {
      process.kill(app.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function shutDownUnderLoad(app: StandaloneApp): Promise<void> {
  const traffic = load(`/runs/${demoRun('e2.deduplication').openlineage!.runId}`);
  await expect.poll(() => traffic.answers.filter((a) => a.status === 200).length, { timeout: 30_000 }).toBeGreaterThan(50);

  const signalled = performance.now();
  process.kill(app.pid, 'SIGTERM');
  await expect.poll(connectionRefused, { timeout: 2_000, intervals: [20] }).toBe('ECONNREFUSED');
  const refusedAfter = performance.now() - signalled;
  const exit = await Promise.race([app.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
  const exitedAfter = performance.now() - signalled;
  await traffic.stop();
  const renderedAfter = traffic.answers.filter((a) => a.at > signalled && a.status === 200).length;
  const refusedRequests = traffic.answers.filter((a) => a.at > signalled && a.status === 503).length;
  const said = `listener refused after ${refusedAfter.toFixed(0)} ms; exited after ${exitedAfter.toFixed(0)} ms; ${renderedAfter} pages rendered after the signal, ${refusedRequests} answered 503\n${app.output()}`;
  expect(refusedAfter, said).toBeLessThan(1_000);
  expect(exit, said).toEqual({ code: 143, signal: null });
  // The renders in flight finish (6 at once, RENDERS_AT_ONCE, plus any answered while the signal was on its way).
  expect(renderedAfter, said).toBeLessThanOrEqual(20);
  // Bounded by the 10 s grace (SHUTDOWN_GRACE_MS) and the 2 s left to Next's own exit, with room for a loaded machine.
  expect(exitedAfter, said).toBeLessThan(14_000);
}
