import { spawn } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { raiseListenBacklog } from '@/lib/security/listen-backlog';
import { installRequestGuard } from '@/lib/security/request-guard';

// A flood opens more connections at once than Node's default listen backlog (511) holds while the event loop
// is busy: the kernel drops the rest, a user's too, who then waits for a SYN retry (1 s, then 2 s more).
const CONNECTIONS = 700;
// Shorter than the first SYN retry (1 s): a dropped attempt cannot have connected within it.
const WINDOW_MS = 800;

/** In another process (this one's event loop is blocked meanwhile): how many of CONNECTIONS connect within WINDOW_MS. */
const CLIENT = `
const net = require('node:net');
process.stdout.write('ready\\n');
process.stdin.once('data', () => {
  const sockets = [];
  let connected = 0;
  for (let i = 0; i < ${CONNECTIONS}; i++) {
    const socket = net.connect(Number(process.argv[1]), '127.0.0.1', () => connected++);
    socket.on('error', () => {});
    sockets.push(socket);
  }
  setTimeout(() => { process.stdout.write(connected + '\\n'); for (const s of sockets) s.destroy(); process.exit(0); }, ${WINDOW_MS});
});`;

function connectedWhileBusy(server: net.Server): Promise<number> {
  const { port } = server.address() as AddressInfo;
  const child = spawn(process.execPath, ['-e', CLIENT, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out === 'ready\n') {
        child.stdin.write('go\n');
        // The server accepts nothing until the client has reported: only the kernel's queue holds its connections.
        const until = Date.now() + WINDOW_MS + 400;
        while (Date.now() < until) { /* busy, like a server rendering pages */ }
      }
    });
    child.on('exit', () => resolve(Number(out.split('\n')[1])));
  });
}

const servers: net.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function listening<S extends net.Server>(server: S): Promise<S> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('listen backlog', () => {
  it("with Node's default backlog a busy server's queue overflows: connections beyond 511 are dropped", async () => {
    const connected = await connectedWhileBusy(await listening(net.createServer((socket) => socket.destroy())));
    expect(connected).toBeGreaterThan(0);
    expect(connected).toBeLessThanOrEqual(512);
  });

  it('raised, every connection of the flood is queued until the server accepts it', async () => {
    const server = await listening(net.createServer((socket) => socket.destroy()));
    raiseListenBacklog(server);
    expect(await connectedWhileBusy(server)).toBe(CONNECTIONS);
  });

  it("the request guard raises the backlog of Next's HTTP server, which listened before it was installed", async () => {
    const server = await listening(http.createServer((_, response) => response.end('ok')));
    installRequestGuard();
    // Any event of the server (the first connection, here a request) is the guard's first sight of it.
    const status = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(200);
    server.closeIdleConnections();
    expect(await connectedWhileBusy(server)).toBe(CONNECTIONS);
  });
});
