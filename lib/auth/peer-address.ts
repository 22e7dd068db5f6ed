import type http from 'node:http';

/**
 * Next's proxy sees only headers, and X-Forwarded-For is whatever the client sent, so proxy-mode auth
 * cannot tell who connected. The request guard (lib/security/request-guard.ts) stamps the TCP peer on
 * every request the Node server receives, overwriting any client-sent value.
 */
export const PEER_ADDRESS_HEADER = 'x-runlens-peer-address';
const INSTALLED = Symbol.for('runlens.peerAddressStamp');

type Stamped = typeof globalThis & { [INSTALLED]?: true };

/** Stamps one request; from then on this process trusts the stamp. */
export function stampPeerAddress(request: http.IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
  (globalThis as Stamped)[INSTALLED] = true;
}

/** The stamped peer address; null when the stamp is not installed in this process (then nothing is trusted). */
export function peerAddress(headers: Headers): string | null {
  if (!(globalThis as Stamped)[INSTALLED]) return null;
  return headers.get(PEER_ADDRESS_HEADER) || null;
}
