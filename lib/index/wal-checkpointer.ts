import { Worker } from 'node:worker_threads';
import { walIndexReader, type WalState } from './wal-index';

/** How often the worker copies the WAL into the database file (and says how large the WAL is). */
export const CHECKPOINT_EVERY_MS = 500;
/**
 * The main connection's own automatic checkpoint, raised from SQLite's 1,000 pages: it fires only if the worker
 * falls behind (or is gone), so the WAL stays bounded (about 200 MB) either way. Above one transaction's WAL: a run
 * reading 100,000 datasets writes ~26,000 pages in one, and a COMMIT checkpointing them held the event loop ~500 ms.
 */
export const MAIN_CONNECTION_CHECKPOINT_PAGES = 50_000;
/**
 * Past this many pages in the WAL, writers wait (without holding the event loop) until the worker has copied all
 * of it: the next write then starts the WAL over. Well under MAIN_CONNECTION_CHECKPOINT_PAGES, so the fallback
 * (a checkpoint inside a COMMIT, 25–70 ms on the event loop) never fires while the worker runs.
 */
export const WAL_PAGES_BEFORE_CATCH_UP = 3_000;
/** Catch-up rounds a writer waits for at most (a reader of an old snapshot can keep the worker from finishing). */
const CATCH_UP_ROUNDS = 3;

// Plain CommonJS, evaluated as the worker: bundlers leave it alone, and better-sqlite3 is resolved from the
// server's folder (the checkout for `next start`, the standalone folder for server.js), where the app loads it too.
// It checkpoints on a timer and when asked, and answers each time with the WAL's size and what it copied.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const Database = createRequire(process.cwd() + '/')('better-sqlite3');
const db = new Database(workerData.file, { timeout: 5000 });
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ walPages: result.log, copiedPages: result.checkpointed });
  } catch {
    parentPort.postMessage(null); // busy or locked: the next round tries again
  }
};
setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', checkpoint);
`;

/** A checkpoint's outcome: pages in the WAL, and how many of them are in the database file now (-1: no WAL). */
type CheckpointReport = WalState;

export interface WalCheckpointer {
  /**
   * Resolves at once while the WAL is small; past WAL_PAGES_BEFORE_CATCH_UP pages, once the worker has copied all
   * of it (or tried CATCH_UP_ROUNDS times). Writers call it between transactions: while they write without a
   * pause, a PASSIVE checkpoint never catches up, the WAL never starts over, and it grows to the fallback.
   */
  roomToWrite(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Copies the WAL into the database file from a worker thread. A checkpoint writes and syncs the database file;
 * run by the writing connection, it held the event loop for 100–200 ms every 1,000 pages written on a busy disk.
 * PASSIVE: it never waits for, nor blocks, the readers and the writer. `onFailure` hears if the worker cannot run.
 */
export function startWalCheckpointer(
  file: string, onFailure: (error: Error) => void, everyMs = CHECKPOINT_EVERY_MS, catchUpAtPages = WAL_PAGES_BEFORE_CATCH_UP,
): WalCheckpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { file, everyMs } });
  worker.unref();
  let stopped = false;
  // The WAL's state is read from the wal-index before each write: a report of the worker comes late when a
  // checkpoint is slow (a busy disk), and meanwhile the writer could fill the WAL to the fallback. Reports stand in.
  const walIndex = walIndexReader(file);
  let reported: WalState = { walPages: 0, copiedPages: 0 };
  let listeners: Array<(report: CheckpointReport | null) => void> = [];
  const hear = (report: CheckpointReport | null) => {
    if (report !== null) reported = report;
    const waiting = listeners;
    listeners = [];
    for (const listener of waiting) listener(report);
  };
  const halt = () => {
    stopped = true;
    walIndex.close();
    hear(null);
  };
  worker.on('message', hear);
  worker.on('error', (error) => {
    halt();
    onFailure(error);
  });
  worker.on('exit', (code) => {
    const unexpected = !stopped && code !== 0;
    halt();
    if (unexpected) onFailure(new Error(`the WAL checkpoint worker exited with code ${code}`));
  });
  const checkpointNow = () => new Promise<CheckpointReport | null>((resolve) => {
    listeners.push(resolve);
    worker.postMessage('checkpoint');
  });
  return {
    roomToWrite: async () => {
      for (let round = 0; round < CATCH_UP_ROUNDS && !stopped; round++) {
        // Copied whole: the next write starts the WAL over.
        const live = walIndex.read();
        if (live === null ? reported.walPages < catchUpAtPages : live.walPages < catchUpAtPages || live.copiedPages >= live.walPages) return;
        const report = await checkpointNow();
        if (live === null && report !== null && report.copiedPages >= report.walPages) return;
      }
    },
    stop: async () => {
      halt();
      await worker.terminate();
    },
  };
}
