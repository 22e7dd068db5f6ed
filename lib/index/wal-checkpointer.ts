import { Worker } from 'node:worker_threads';

/** How often the worker copies the WAL into the database file. */
export const CHECKPOINT_EVERY_MS = 1_000;
/**
 * The main connection's own automatic checkpoint, raised from SQLite's 1,000 pages: it fires only if the worker
 * falls behind (or is gone), so the WAL stays bounded (about 40 MB) either way.
 */
export const MAIN_CONNECTION_CHECKPOINT_PAGES = 10_000;

// Plain CommonJS, evaluated as the worker: bundlers leave it alone, and better-sqlite3 is resolved from the
// server's folder (the checkout for `next start`, the standalone folder for server.js), where the app loads it too.
const WORKER = `
const { workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const Database = createRequire(process.cwd() + '/')('better-sqlite3');
const db = new Database(workerData.file, { timeout: 5000 });
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or locked: the next round tries again
  }
}, workerData.everyMs);
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * Copies the WAL into the database file from a worker thread. A checkpoint writes and syncs the database file;
 * run by the writing connection, it held the event loop for 100–200 ms every 1,000 pages written on a busy disk.
 * PASSIVE: it never waits for, nor blocks, the readers and the writer. `onFailure` hears if the worker cannot run.
 */
export function startWalCheckpointer(file: string, onFailure: (error: Error) => void, everyMs = CHECKPOINT_EVERY_MS): WalCheckpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { file, everyMs } });
  worker.unref();
  let stopping = false;
  worker.on('error', (error) => onFailure(error));
  worker.on('exit', (code) => {
    if (!stopping && code !== 0) onFailure(new Error(`the WAL checkpoint worker exited with code ${code}`));
  });
  return {
    stop: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}
