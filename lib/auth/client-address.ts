import net from 'node:net';
import { isTrustedPeer } from './trusted-proxies';

/**
 * The client a login throttle keys on. Behind a trusted reverse proxy every TCP peer is the proxy, so all users
 * would share one address (one user's wrong passwords locking out everyone): when the peer is trusted, the client
 * is the rightmost X-Forwarded-For entry that is not itself a trusted proxy (entries left of it are whatever the
 * client wrote). From any other peer X-Forwarded-For is ignored, since clients can write it.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | null | undefined, trusted: net.BlockList | null): string {
  const socket = peer || 'unknown';
  if (!trusted || !forwardedFor || !isTrustedPeer(trusted, socket)) return socket;
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter((h) => net.isIP(h.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isTrustedPeer(trusted, hop)) return hop;
  }
  // Every hop is a trusted proxy: the farthest one is the closest thing to a client.
  return hops[0] ?? socket;
}
