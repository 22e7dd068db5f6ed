import http from 'node:http';

/**
 * Next's proxy sees only headers, and X-Forwarded-For is whatever the client sent, so proxy-mode auth
 * cannot tell who connected. This stamps the TCP peer on every request the Node server receives,
 * overwriting any client-sent value; instrumentation.ts installs it at start-up.
 */
export const PEER_ADDRESS_HEADER = 'x-runlens-peer-address';
const INSTALLED = Symbol.for('runlens.peerAddressStamp');

type Stamped = typeof globalThis & { [INSTALLED]?: true };

export function installPeerAddressStamp(): void {
  const global = globalThis as Stamped;
  if (global[INSTALLED]) return;
  const original = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithPeer(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
    }
    return Reflect.apply(original, this, [event, ...args]) as boolean;
  };
  global[INSTALLED] = true;
}

/** The stamped peer address; null when the stamp is not installed in this process (then nothing is trusted). */
export function peerAddress(headers: Headers): string | null {
  if (!(globalThis as Stamped)[INSTALLED]) return null;
  return headers.get(PEER_ADDRESS_HEADER) || null;
}
