/**
 * A few slots shared fairly between clients: a task runs at once while a slot is free and its client has fewer
 * than `perClient` running; otherwise it waits, and a freed slot goes to the waiting client with the fewest tasks
 * running, ties to the one served least recently (round robin; a new client first). One client flooding the
 * queue holds at most `perClient` slots, and any other client's task takes the next free one, never waiting
 * behind the flood's queue.
 */
export interface FairSlots {
  /** Runs `task` in a slot, on behalf of `client`. */
  run<T>(client: string, task: () => Promise<T>): Promise<T>;
  /** Tasks running and waiting, for tests and metrics. */
  state(): { running: number; waiting: number };
}

interface Client {
  running: number;
  /** When a task of this client last took a slot (a sequence number; 0 for a client never served). */
  servedAt: number;
  waiting: Array<() => void>;
}

export function createFairSlots(slots: number, perClient = slots): FairSlots {
  let running = 0;
  let waitingCount = 0;
  let sequence = 0;
  const clients = new Map<string, Client>();
  /** Clients with waiting tasks (few: the callers bound how many logins wait). */
  const waitingClients = new Set<Client>();

  const take = (client: Client): void => {
    client.running++;
    client.servedAt = ++sequence;
  };

  /** Hands a freed slot to the waiting client with the fewest tasks running, then the least recently served. */
  const handOver = (): void => {
    let best: Client | null = null;
    for (const client of waitingClients) {
      if (client.running >= perClient) continue;
      if (best === null || client.running < best.running || (client.running === best.running && client.servedAt < best.servedAt)) best = client;
    }
    if (best === null) {
      running--;
      return;
    }
    const start = best.waiting.shift()!;
    waitingCount--;
    if (best.waiting.length === 0) waitingClients.delete(best);
    take(best);
    start();
  };

  return {
    async run(key, task) {
      let client = clients.get(key);
      if (client === undefined) clients.set(key, (client = { running: 0, servedAt: 0, waiting: [] }));
      if (running < slots && client.running < perClient) {
        running++;
        take(client);
      } else {
        const mine = client;
        // handOver counts the slot (running, mine.running) before it resolves this.
        await new Promise<void>((resolve) => {
          mine.waiting.push(resolve);
          waitingClients.add(mine);
          waitingCount++;
        });
      }
      try {
        return await task();
      } finally {
        client.running--;
        if (client.running === 0 && client.waiting.length === 0) clients.delete(key);
        handOver();
      }
    },
    state: () => ({ running, waiting: waitingCount }),
  };
}
