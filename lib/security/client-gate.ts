/**
 * Requests one client may have in flight at once. A flood from one address (1,000 look-ups of unknown run
 * ids at once) is shed here, before Next routes it, for a few microseconds a request; reaching Next, each
 * costs milliseconds of the one event loop every other user waits on. 100 is above what a browser or a
 * bench client with 100 connections keeps open; behind a proxy listed in RUNLENS_AUTH_TRUSTED_PROXIES the
 * client is the one its X-Forwarded-For names.
 */
export const MAX_IN_FLIGHT_PER_CLIENT = 100;

export interface ClientGate {
  /** A slot for `client`, or null when it has MAX_IN_FLIGHT_PER_CLIENT requests in flight; call `leave` once answered. */
  enter(client: string): { leave: () => void } | null;
}

export function createClientGate(max = MAX_IN_FLIGHT_PER_CLIENT): ClientGate {
  const inFlight = new Map<string, number>();
  return {
    enter(client) {
      const mine = inFlight.get(client) ?? 0;
      if (mine >= max) return null;
      inFlight.set(client, mine + 1);
      let left = false;
      return {
        leave: () => {
          if (left) return;
          left = true;
          const rest = (inFlight.get(client) ?? 1) - 1;
          if (rest <= 0) inFlight.delete(client);
          else inFlight.set(client, rest);
        },
      };
    },
  };
}
