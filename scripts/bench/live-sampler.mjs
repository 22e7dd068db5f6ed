// Times GET <url> every `intervalMs` from a worker thread of its own: the benches serve their stub upstreams
// (MLflow sorting 150,000 runs per runs/search, Marquez) on their main thread, and a sample timed there would
// count the stub's work as the server's latency.
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, intervalMs, timeoutMs } = workerData;
let samples = [];
let running = true;
parentPort.on('message', (m) => {
  if (m === 'mark') { parentPort.postMessage(samples); samples = []; }
  if (m === 'stop') running = false;
});
(async () => {
  while (running) {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      await response.text();
      samples.push(performance.now() - started);
    } catch (error) {
      // Not listening yet (refused) is no sample; no answer within the timeout counts as the timeout.
      if (error?.name === 'TimeoutError') samples.push(timeoutMs);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  process.exit(0);
})();
`;

/** Samples until stop(); mark() resolves with the times (ms) since the last mark and starts a new window. */
export function startLiveSampler(url, { intervalMs = 200, timeoutMs = 60_000 } = {}) {
  const worker = new Worker(SAMPLER, { eval: true, workerData: { url, intervalMs, timeoutMs } });
  return {
    mark: () => new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('mark');
    }),
    stop: async () => {
      worker.postMessage('stop');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}
