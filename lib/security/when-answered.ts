import type http from 'node:http';
import type net from 'node:net';

/** Per socket, the callbacks of pipelined responses still waiting for it (one 'close' listener per socket). */
const waitingForSocket = new WeakMap<net.Socket, Set<() => void>>();

/**
 * Calls `done` once, when the response is answered or can no longer be: its 'close', or its socket's. Node keeps a
 * pipelined request's response (one read before the previous response finished) in a queue until the socket is
 * free, and if the socket closes first that response never emits 'close': a slot released only on 'close' leaked
 * for good (16 such requests locked their address out; 6 heavy pages locked every client out of them).
 */
export function whenAnswered(request: http.IncomingMessage, response: http.ServerResponse, done: () => void): void {
  const socket = request.socket;
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    waitingForSocket.get(socket)?.delete(once);
    done();
  };
  response.once('close', once);
  // Assigned to the socket: Node emits 'close' on the response when either ends.
  if (response.socket) return;
  if (socket.closed) {
    queueMicrotask(once);
    return;
  }
  let waiting = waitingForSocket.get(socket);
  if (waiting === undefined) {
    const callbacks = new Set<() => void>();
    waitingForSocket.set(socket, (waiting = callbacks));
    socket.once('close', () => {
      for (const callback of [...callbacks]) callback();
    });
  }
  waiting.add(once);
}
