// bench:load's latency rows that e2e specs used to assert as timed tests (hardening.spec.ts, faults.spec.ts):
// a valid login during a wrong-password flood, and pages while Marquez hangs (and once its breaker opened).
// Each starts its own server through `startServer(port, env)` and stops it.
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import path from 'node:path';

const USER = 'ops';
const PASSWORD = 'correct horse battery staple';
const basic = (password, scheme = 'Basic') => `${scheme} ${Buffer.from(`${USER}:${password}`).toString('base64')}`;

/** Status, Retry-After and milliseconds of one GET from `localAddress` (a new connection each). */
function timedGet(base, urlPath, { localAddress = '127.0.0.1', headers = {}, timeoutMs = 30_000 } = {}) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.get({ host: hostname, port, path: urlPath, localAddress, headers, agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], ms: performance.now() - started, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve({ status: 0, retryAfter: undefined, ms: performance.now() - started, body: error.message }));
  });
}

const countBy = (values) => [...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map())].sort((a, b) => a[0] - b[0]).map(([v, n]) => `${n}× ${v}`).join(', ');
const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`;

/** The flood thread: `count` wrong passwords at once from `localAddress`, each on a connection of its own. */
const LOGIN_FLOOD_WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { base, urlPath, localAddress, headers } = workerData;
const { hostname, port } = new URL(base);
const statusOf = (authorization) => new Promise((resolve) => {
  const request = http.get({ host: hostname, port, path: urlPath, localAddress, headers: { authorization }, agent: false, timeout: 30000 }, (response) => {
    response.resume();
    response.on('end', () => resolve(response.statusCode));
  });
  request.on('timeout', () => request.destroy(new Error('timed out')));
  request.on('error', () => resolve(0));
});
const all = headers.map(statusOf);
parentPort.postMessage({ sent: true });
Promise.all(all).then((statuses) => parentPort.postMessage({ statuses }));
`;

/** Starts a login flood in a thread of its own; resolves once its requests are sent, with a promise of their statuses. */
async function startLoginFlood(base, localAddress, headers) {
  const worker = new Worker(LOGIN_FLOOD_WORKER, { eval: true, workerData: { base, urlPath: '/api/metrics', localAddress, headers } });
  const statuses = new Promise((resolve, reject) => {
    worker.on('message', (message) => message.statuses && resolve(message.statuses));
    worker.on('error', reject);
  }).finally(() => worker.terminate());
  await new Promise((resolve) => worker.once('message', resolve));
  return { statuses };
}

/**
 * A valid Basic login while 300 wrong passwords arrive from another address (the hardening e2e checks the 429s
 * and that the login is let in; this times it), in ROUNDS rounds, each flood from a new address (the last one is
 * locked out by then). The flood runs in a thread of its own: sent from this thread, its 300 answers queued the
 * login's behind them in this event loop, and the figure measured the bench. The route's code is loaded first by
 * a valid login; each timed one spells the scheme differently (it is case-insensitive), so none is found among the
 * accepted credentials: each is checked with scrypt like a first login.
 */
export async function validLoginDuringFlood(root, startServer, port, env, rounds = 3) {
  const hash = spawnSync(process.execPath, [path.join(root, 'scripts', 'auth-hash.mjs')], { input: PASSWORD, encoding: 'utf8' }).stdout.trim();
  const server = await startServer(port, { ...env, RUNLENS_AUTH: 'basic', RUNLENS_AUTH_USER: USER, RUNLENS_AUTH_PASSWORD_HASH: hash });
  const schemes = ['BASIC', 'Basic', 'bASIC', 'BaSiC', 'bAsIc'];
  try {
    const warm = await timedGet(server.base, '/api/metrics', { localAddress: '127.0.0.5', headers: { authorization: basic(PASSWORD, 'basic') } });
    const timed = [];
    const floods = [];
    for (let round = 0; round < Math.min(rounds, schemes.length); round++) {
      const flood = await startLoginFlood(server.base, `127.0.0.${9 + round}`, Array.from({ length: 300 }, (_, i) => basic(`guess-${round}-${i}`)));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const valid = await timedGet(server.base, '/api/metrics', { headers: { authorization: basic(PASSWORD, schemes[round]) } });
      timed.push(`HTTP ${valid.status} in ${ms(valid.ms)}`);
      floods.push(countBy(await flood.statuses));
    }
    return `valid login during a flood of 300 wrong passwords from another address (first valid login, loading the route: HTTP ${warm.status} in ${ms(warm.ms)}): ${timed.join(', ')} (target < 1,000 ms each); the floods: ${floods.join(' / ')}`;
  } finally {
    await server.stop();
  }
}

/**
 * Pages while Marquez hangs from the start, as in the fault matrix e2e (it checks banners and statuses, this times
 * them; target its 2 s deadline + 1 s), then lineage search once five failures opened its breaker (target < 500 ms).
 */
export async function pagesWhileMarquezHangs(startServer, port, env, { startFaultProxy, marquezUrl, runId }) {
  const DEADLINE_MS = 2000;
  const proxy = await startFaultProxy(marquezUrl, 'hang');
  const server = await startServer(port, { ...env, MARQUEZ_URL: proxy.url, MARQUEZ_TIMEOUT_MS: String(DEADLINE_MS) });
  try {
    // Until the app reports the hang (at once, or at its next refresh).
    for (const deadline = Date.now() + 45_000; Date.now() < deadline;) {
      const runs = await timedGet(server.base, '/api/runs?limit=1', { timeoutMs: 60_000 });
      if (/marquez/i.test(runs.body) && /timed out/.test(runs.body)) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const urls = [`/runs/${encodeURIComponent(runId)}`, '/', '/api/runs', `/api/runs/${runId}`, '/api/runs/00000000-0000-4000-8000-000000000000', '/api/health', '/health'];
    // The first request to a route loads its code: the second is timed.
    for (const url of urls) await timedGet(server.base, url, { timeoutMs: 60_000 });
    const timed = [];
    for (const url of urls) {
      const r = await timedGet(server.base, url);
      timed.push(`${url.length > 30 ? `${url.slice(0, 27)}…` : url} ${r.status} in ${ms(r.ms)}`);
    }
    let slow = 0;
    let fast = null;
    for (; slow < 8; slow++) {
      const r = await timedGet(server.base, `/api/lineage/search?q=dedup${slow}`);
      if (r.body.includes('not called')) {
        fast = r;
        break;
      }
    }
    if (fast !== null) fast = await timedGet(server.base, '/api/lineage/search?q=dedup-fast');
    const breaker = fast === null ? 'the breaker did not open within 8 searches' : `once its breaker opened (after ${slow} slow searches): search ${fast.status} in ${ms(fast.ms)} (target < 500 ms)`;
    return `Marquez hanging (deadline ${ms(DEADLINE_MS)}; target < ${ms(DEADLINE_MS + 1000)} each): ${timed.join(', ')}; ${breaker}`;
  } finally {
    await server.stop();
    await proxy.close();
  }
}
