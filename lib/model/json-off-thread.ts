import 'server-only';
import { Worker } from 'node:worker_threads';

/**
 * JSON.parse on a worker thread, for texts so long that parsing them held the event loop (a 13.6 MB event line
 * of a run reading 100,000 datasets: ~200 ms, and as long again to hand it over whole). The value comes back in
 * pieces: long arrays are sent `SLICE_ITEMS` items per message, each a short task of the main thread, the next
 * only once the main thread asks for it (sent at once, Node delivered all 50 slices in one task: ~200 ms).
 */

/** Items of a long array per message: handing over 2,000 inputs takes a few ms. */
export const SLICE_ITEMS = 2_000;

// Plain CommonJS, evaluated as the worker (as lib/index/wal-checkpointer.ts): bundlers leave it alone, and it needs
// nothing but Node. The bracket-depth scan is lib/model/json-limits.ts' assertJsonDepth, refused before parsing.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { sliceItems } = workerData;
function tooDeep(text, maxDepth) {
  let depth = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) { if (c === 92) i++; else if (c === 34) inString = false; }
    else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > maxDepth) return true; }
    else if (c === 125 || c === 93) depth--;
  }
  return false;
}
// Long arrays still to send, by parse id: one slice per ask of the main thread.
const sending = new Map();
function sendSlice(id) {
  const s = sending.get(id);
  if (!s) return;
  while (s.k < s.keys.length && s.i >= s.lists[s.keys[s.k]].length) { s.k++; s.i = 0; }
  if (s.k >= s.keys.length) {
    sending.delete(id);
    return parentPort.postMessage({ id, done: true });
  }
  const key = s.keys[s.k];
  parentPort.postMessage({ id, key, items: s.lists[key].slice(s.i, s.i + sliceItems) });
  s.i += sliceItems;
}
parentPort.on('message', (message) => {
  if (message.more !== undefined) return sendSlice(message.more);
  const { id, maxDepth } = message;
  const text = typeof message.text === 'string' ? message.text : new TextDecoder().decode(message.text);
  if (tooDeep(text, maxDepth)) return parentPort.postMessage({ id, tooDeep: true });
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return parentPort.postMessage({ id, syntax: String(error && error.message) });
  }
  // The top-level object's long arrays (an event's inputs and outputs) are sent in slices after the rest.
  const long = value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.keys(value).filter((key) => Array.isArray(value[key]) && value[key].length > sliceItems) : [];
  const lists = {};
  for (const key of long) { lists[key] = value[key]; value[key] = []; }
  parentPort.postMessage({ id, value, lists: long });
  if (long.length > 0) sending.set(id, { lists, keys: long, k: 0, i: 0 });
});
`;

type WorkerMessage =
  | { id: number; tooDeep: true }
  | { id: number; syntax: string }
  | { id: number; value: unknown; lists: string[] }
  | { id: number; key: string; items: unknown[] }
  | { id: number; done: true };

/** Why the worker could not give a value: the text nests too deep, or is not JSON (V8's message, never shown as it is). */
export class OffThreadParseError extends Error {
  override readonly name = 'OffThreadParseError';
  constructor(readonly reason: 'too-deep' | 'syntax', message: string) {
    super(message);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  maxDepth: number;
  value?: Record<string, unknown[]>;
}

/**
 * After a text this long the worker is ended once idle (the next parse starts another): its heap grew to hold the
 * parsed value (a 13.6 MB event: ~100 MB of the process's RSS) and V8 keeps that memory reserved while it lives.
 */
export const RELEASE_AFTER_CHARS = 4_000_000;

/** One worker per process, started on first use and kept (unref'd, so it never holds the process open). */
let shared: { worker: Worker; pending: Map<number, Pending>; next: number; grown: boolean } | null = null;

let workersStarted = 0;
let textsParsed = 0;
/** Slices received in the current turn of the event loop, and the most ever received in one. */
let slicesThisTurn = 0;
let mostSlicesInOneTurn = 0;
/**
 * Workers started, texts parsed and the most slices handed over in one turn of the event loop so far (tests count
 * them: a worker is ended after a long text; a parse avoided; each slice a task of its own).
 */
export const offThreadCounts = (): { workersStarted: number; textsParsed: number; mostSlicesInOneTurn: number } => ({ workersStarted, textsParsed, mostSlicesInOneTurn });

function countSlice(): void {
  if (slicesThisTurn++ === 0) setImmediate(() => (slicesThisTurn = 0));
  mostSlicesInOneTurn = Math.max(mostSlicesInOneTurn, slicesThisTurn);
}

function sharedWorker() {
  if (shared) return shared;
  const worker = new Worker(WORKER, { eval: true, workerData: { sliceItems: SLICE_ITEMS } });
  workersStarted++;
  worker.unref();
  const state = { worker, pending: new Map<number, Pending>(), next: 1, grown: false };
  const failAll = (error: Error) => {
    for (const p of state.pending.values()) p.reject(error);
    state.pending.clear();
    if (shared === state) shared = null;
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the JSON parse worker exited with code ${code}`)));
  // Asked from the next turn: a slice the worker answers quickly is then never handled in the same task as the last.
  const askForSlice = (id: number) => void setImmediate(() => worker.postMessage({ more: id }));
  worker.on('message', (message: WorkerMessage) => {
    const pending = state.pending.get(message.id);
    if (!pending) return;
    if ('tooDeep' in message) pending.reject(new OffThreadParseError('too-deep', `nested deeper than ${pending.maxDepth} levels`));
    else if ('syntax' in message) pending.reject(new OffThreadParseError('syntax', message.syntax));
    else if ('lists' in message) {
      pending.value = message.value as Record<string, unknown[]>;
      if (message.lists.length === 0) pending.resolve(pending.value);
      else return askForSlice(message.id);
    } else if ('items' in message) {
      // Appended in place, a slice at a time: the whole list is never copied in one go.
      const list = pending.value![message.key]!;
      for (const item of message.items) list.push(item);
      countSlice();
      return askForSlice(message.id);
    } else pending.resolve(pending.value);
    state.pending.delete(message.id);
    if (state.grown && state.pending.size === 0) {
      if (shared === state) shared = null;
      void worker.terminate();
    }
  });
  shared = state;
  return state;
}

/**
 * JSON.parse(text) on the worker thread; rejects with OffThreadParseError for a text too deep or not JSON. Given its
 * UTF-8 bytes (a BOM is dropped), the text is decoded there: a copy of the bytes is handed over, where posting a
 * 13.6 MB string held the event loop 40–80 ms.
 */
export function parseJsonOffThread(text: string | Uint8Array, maxDepth: number): Promise<unknown> {
  const state = sharedWorker();
  const id = state.next++;
  textsParsed++;
  if (text.length >= RELEASE_AFTER_CHARS) state.grown = true;
  return new Promise((resolve, reject) => {
    state.pending.set(id, { resolve, reject, maxDepth });
    if (typeof text === 'string') return state.worker.postMessage({ id, text, maxDepth });
    const bytes = new Uint8Array(text); // its own buffer, moved to the worker rather than cloned
    state.worker.postMessage({ id, text: bytes, maxDepth }, [bytes.buffer]);
  });
}
