import net from 'node:net';

/** Whether something accepts connections on 127.0.0.1:port right now. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Refuses to start an app on a port another process already listens on: the readiness poll would accept that
 * server (one left from an earlier failed run, or another engineer's) and the spec would test it instead of its
 * own. A server still shutting down (a spec's stop() not awaited) gets `graceMs` to free the port.
 */
export async function assertPortFree(port: number, graceMs = 10_000): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (await answers(port)) {
    if (Date.now() >= deadline) {
      throw new Error(`port ${port} on 127.0.0.1 is already taken by another process (a server left from an earlier run?): `
        + `the spec would test that server instead of the one it starts. Stop it (\`ss -ltnp 'sport = :${port}'\` names it) `
        + 'or set E2E_PORT to a free range.');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
