// The live V8 heap of a server started with `--inspect=<host:port>`, after a full garbage collection, through the
// inspector protocol: unlike RSS (which keeps pages the allocator does not give back) or heapUsed (which counts
// garbage not yet collected), what is left is what the server holds, so growth of it round after round is a leak.
import { WebSocket } from 'undici';

/** Sends one inspector command and waits for its answer. */
function command(socket, id, method, params = {}) {
  return new Promise((resolve, reject) => {
    const onMessage = (event) => {
      const message = JSON.parse(String(event.data));
      if (message.id !== id) return;
      socket.removeEventListener('message', onMessage);
      if (message.error) reject(new Error(`${method}: ${message.error.message}`));
      else resolve(message.result);
    };
    socket.addEventListener('message', onMessage);
    socket.send(JSON.stringify({ id, method, params }));
  });
}

/** An open inspector socket to the server's first target; null when it lists none. */
async function inspectorSocket(inspectHostPort) {
  const targets = await (await fetch(`http://${inspectHostPort}/json/list`, { signal: AbortSignal.timeout(5_000) })).json();
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) return null;
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  return socket;
}

/**
 * `session(socket)` on an inspector socket to the server, closed after; null when the inspector does not answer, fails,
 * or `session` takes longer than `timeoutMs`.
 */
async function withInspector(inspectHostPort, timeoutMs, session) {
  try {
    const socket = await inspectorSocket(inspectHostPort);
    if (!socket) return null;
    try {
      const timeout = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs).unref());
      return await Promise.race([session(socket), timeout]);
    } finally {
      socket.close();
    }
  } catch {
    return null;
  }
}

const mb = (bytes) => bytes / (1024 * 1024);

/** The server's process.memoryUsage(), in bytes. */
async function memoryUsage(socket, id) {
  const { result } = await command(socket, id, 'Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
  return JSON.parse(result.value);
}

/**
 * After a full GC, in MB: the live heap, and process.memoryUsage()'s heap reserved (`heapTotal`) and memory outside
 * the heap (`external`: Buffers, SQLite's is not counted); null when the inspector does not answer within 30 s.
 */
export function memoryAfterGc(inspectHostPort) {
  return withInspector(inspectHostPort, 30_000, async (socket) => {
    await command(socket, 1, 'HeapProfiler.collectGarbage');
    const { usedSize } = await command(socket, 2, 'Runtime.getHeapUsage');
    const usage = await memoryUsage(socket, 3);
    return { live: mb(usedSize), heapTotal: mb(usage.heapTotal), external: mb(usage.external) };
  });
}

/**
 * Writes a V8 heap snapshot of the server (`.heapsnapshot`, as DevTools reads it) to `file`, streamed chunk by chunk
 * so a heap of hundreds of MB never sits in this process as one string. The snapshot collects garbage first. Returns
 * the bytes written, or null when the inspector does not answer (10 minutes at most: a big heap takes a while).
 */
export async function writeHeapSnapshot(inspectHostPort, file) {
  const { createWriteStream } = await import('node:fs');
  let out = null;
  try {
    return await withInspector(inspectHostPort, 600_000, async (socket) => {
      out = createWriteStream(file);
      let bytes = 0;
      socket.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data));
        if (message.method !== 'HeapProfiler.addHeapSnapshotChunk') return;
        bytes += Buffer.byteLength(message.params.chunk);
        out.write(message.params.chunk);
      });
      await command(socket, 1, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      return bytes;
    });
  } finally {
    if (out) await new Promise((resolve) => out.end(resolve));
  }
}

/** process.memoryUsage() of the server in MB, without collecting garbage first (cheap enough to sample each second); null when the inspector does not answer within 10 s. */
export function memoryUsageOf(inspectHostPort) {
  return withInspector(inspectHostPort, 10_000, async (socket) =>
    Object.fromEntries(Object.entries(await memoryUsage(socket, 1)).map(([key, bytes]) => [key, mb(bytes)])));
}
