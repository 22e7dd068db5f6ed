import type net from 'node:net';

/**
 * Connections the kernel queues for a server before it accepts them (capped by net.core.somaxconn). Node's
 * default, 511, overflowed under a flood of 1,000 connections: the kernel then drops new connection attempts,
 * a user's too, and each costs its client a SYN retry after 1 s, then 2 s more (the flood's 3 s first request).
 */
export const LISTEN_BACKLOG = 4096;

const raised = new WeakSet<net.Server>();

/**
 * Next listens before the app loads, with Node's default backlog; listening again on the same socket is how
 * Linux takes a new backlog, and only Node's internal handle can do it. Once per server; a no-op without one.
 */
export function raiseListenBacklog(server: net.Server, backlog = LISTEN_BACKLOG): void {
  if (raised.has(server)) return;
  const handle = (server as net.Server & { _handle?: { listen?: (backlog: number) => number } | null })._handle;
  if (typeof handle?.listen !== 'function') return;
  raised.add(server);
  handle.listen(backlog);
}
