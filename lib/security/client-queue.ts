import { createRenderGate, type RenderTicket } from './render-gate';

/**
 * Requests one client address has in progress at once; its further requests (up to the client gate's cap) wait in
 * arrival order. A flood from one address then shares the event loop with a user's request as one client of
 * two, not as 100 requests of 101: a user's request took 3.6 s during a 1,000-request flood of unknown ids (#13).
 */
export const CLIENT_REQUESTS_AT_ONCE = 16;

export interface ClientQueues {
  /** Starts `run` now or after the client's earlier requests, in arrival order; call `leave` once answered. */
  enter(client: string, run: () => void): RenderTicket;
  /** Clients with requests in progress or waiting, for tests. */
  clients(): number;
}

/** One small queue per client with requests in progress (its length bounded by the client gate, client-gate.ts). */
export function createClientQueues(atOnce = CLIENT_REQUESTS_AT_ONCE): ClientQueues {
  const queues = new Map<string, ReturnType<typeof createRenderGate>>();
  return {
    enter(client, run) {
      let queue = queues.get(client);
      if (queue === undefined) queues.set(client, (queue = createRenderGate(atOnce, Infinity)));
      const ticket = queue.enter(run)!;
      const mine = queue;
      return {
        leave: () => {
          ticket.leave();
          const { rendering, waiting } = mine.state();
          if (rendering === 0 && waiting === 0 && queues.get(client) === mine) queues.delete(client);
        },
      };
    },
    clients: () => queues.size,
  };
}
