import type http from 'node:http';

/** How long in-flight requests may take to finish after SIGTERM before their connections are cut and the process exits. */
export const SHUTDOWN_GRACE_MS = 10_000;
// Keep-alive connections that fall idle while draining are closed this often (server.close() closes only those idle at the time).
const IDLE_SWEEP_MS = 100;

interface DrainState {
  servers: Set<http.Server>;
  draining: boolean;
}

// On globalThis: the guard and the signal handler may be bundled apart (instrumentation, route bundles).
const holder = globalThis as typeof globalThis & { __runlensDrain?: DrainState };
const state = (holder.__runlensDrain ??= { servers: new Set(), draining: false });

/** Remembers a server the guard saw a request on, so a shutdown can stop it (Next does not hand its server out). */
export function noteServer(server: http.Server): void {
  state.servers.add(server);
}

/**
 * A request that arrives while the server drains (on a keep-alive connection opened before): answered 503 with
 * `Connection: close`, so clients go to another replica at once instead of being served by a server that is leaving.
 */
export function refuseWhileDraining(response: http.ServerResponse): boolean {
  if (!state.draining) return false;
  response.shouldKeepAlive = false;
  response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1', connection: 'close' });
  response.end('Runlens is shutting down; try again.\n');
  return true;
}

export function isDraining(): boolean {
  return state.draining;
}

/**
 * Stops accepting connections at once, lets in-flight requests finish (their connections close once idle), and
 * resolves when every server is closed, or after `graceMs` with the connections left cut.
 */
export function drainServers(graceMs = SHUTDOWN_GRACE_MS): Promise<{ timedOut: boolean }> {
  state.draining = true;
  const servers = [...state.servers];
  const sweep = setInterval(() => servers.forEach((s) => s.closeIdleConnections()), IDLE_SWEEP_MS);
  sweep.unref();
  const closed = Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return new Promise((resolve) => {
    const cut = setTimeout(() => {
      servers.forEach((s) => s.closeAllConnections());
      resolve({ timedOut: true });
    }, graceMs);
    cut.unref();
    void closed.then(() => {
      clearTimeout(cut);
      resolve({ timedOut: false });
    });
  }).finally(() => clearInterval(sweep)) as Promise<{ timedOut: boolean }>;
}

// Once drained, Next's own SIGTERM handler closes the app and exits; this long at most, then we exit for it.
const EXIT_AFTER_DRAIN_MS = 2_000;

/**
 * On SIGTERM: drain (Next's handler only closes the listener and waits for every connection, keep-alive ones
 * included), then exit 143 if Next has not by then. Once per process.
 */
export function installGracefulShutdown(exit: (code: number) => void = (code) => process.exit(code), graceMs = SHUTDOWN_GRACE_MS): void {
  const global = globalThis as typeof globalThis & { __runlensShutdownInstalled?: true };
  if (global.__runlensShutdownInstalled) return;
  global.__runlensShutdownInstalled = true;
  process.once('SIGTERM', () => {
    void drainServers(graceMs).then(() => setTimeout(() => exit(143), EXIT_AFTER_DRAIN_MS).unref());
  });
}

/** For tests: forget the servers seen and stop draining. */
export function resetDrain(): void {
  state.servers.clear();
  state.draining = false;
}
