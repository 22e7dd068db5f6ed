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
 * After a full GC, in MB: the live heap, and process.memoryUsage()'s heap reserved (`heapTotal`) and memory outside
 * the heap (`external`: Buffers, SQLite's is not counted); null when the inspector does not answer within 30 s.
 */
export async function memoryAfterGc(inspectHostPort) {
  try {
    const socket = await inspectorSocket(inspectHostPort);
    if (!socket) return null;
    try {
      const measured = (async () => {
        await command(socket, 1, 'HeapProfiler.collectGarbage');
        const { usedSize } = await command(socket, 2, 'Runtime.getHeapUsage');
        const { result } = await command(socket, 3, 'Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
        const usage = JSON.parse(result.value);
        const mb = (bytes) => bytes / (1024 * 1024);
        return { live: mb(usedSize), heapTotal: mb(usage.heapTotal), external: mb(usage.external) };
      })();
      const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 30_000).unref());
      return await Promise.race([measured, timeout]);
    } finally {
      socket.close();
    }
  } catch {
    return null;
  }
}

/**
 * Writes a V8 heap snapshot of the server (`.heapsnapshot`, as DevTools reads it) to `file`, streamed chunk by chunk
 * so a heap of hundreds of MB never sits in this process as one string. The snapshot collects garbage first. Returns
 * the bytes written, or null when the inspector does not answer (10 minutes at most: a big heap takes a while).
 */
export async function writeHeapSnapshot(inspectHostPort, file) {
  const { createWriteStream } = await import('node:fs');
  try {
    const socket = await inspectorSocket(inspectHostPort);
    if (!socket) return null;
    const out = createWriteStream(file);
    let bytes = 0;
    const onChunk = (event) => {
      const message = JSON.parse(String(event.data));
      if (message.method !== 'HeapProfiler.addHeapSnapshotChunk') return;
      bytes += Buffer.byteLength(message.params.chunk);
      out.write(message.params.chunk);
    };
    socket.addEventListener('message', onChunk);
    try {
      const taken = command(socket, 1, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false }).then(() => true);
      const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 600_000).unref());
      if (!(await Promise.race([taken, timeout]))) return null;
      return bytes;
    } finally {
      socket.removeEventListener('message', onChunk);
      socket.close();
      await new Promise((resolve) => out.end(resolve));
    }
  } catch {
    return null;
  }
}

/** process.memoryUsage() of the server in MB, without collecting garbage first (cheap enough to sample each second); null when the inspector does not answer within 10 s. */
export async function memoryUsageOf(inspectHostPort) {
  try {
    const socket = await inspectorSocket(inspectHostPort);
    if (!socket) return null;
    try {
      const measured = command(socket, 1, 'Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true }).then(({ result }) => {
        const usage = JSON.parse(result.value);
        return Object.fromEntries(Object.entries(usage).map(([key, bytes]) => [key, bytes / (1024 * 1024)]));
      });
      const timeout = new Promise((resolve) => setTimeout(() => resolve(null), 10_000).unref());
      return await Promise.race([measured, timeout]);
    } finally {
      socket.close();
    }
  } catch {
    return null;
  }
}
