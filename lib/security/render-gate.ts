import { AsyncResource } from 'node:async_hooks';

/**
 * Renders of the heavy pages (run, compare, audit) in progress at once. Beyond it a render waits its turn:
 * 100 renders interleaved on the one event loop each took 100 times as long and the unluckiest timed out
 * (#13); a short queue in arrival order answers each in about the same time, sooner on average.
 */
export const RENDERS_AT_ONCE = 6;
/** Renders waiting at most: beyond, 503 with Retry-After (a queue must not grow without bound either). */
export const RENDERS_WAITING = 300;

/** GET page paths that render a run's lineage, a comparison or an audit (their RSC requests too). */
export const isHeavyPage = (method: string | undefined, url: string | undefined): boolean =>
  (method === 'GET' || method === 'HEAD') && /^\/(runs|compare|audit)(\/|\?|$)/.test(url ?? '');

export interface RenderTicket {
  /** The render ended (or its client left while it waited): the next waiting render starts. Idempotent. */
  leave(): void;
}

export interface RenderGate {
  /** Starts `render` now or when a slot frees, in arrival order; null (nothing started) when the queue is full. */
  enter(render: () => void): RenderTicket | null;
  /** Renders in progress and waiting, for tests and metrics. */
  state(): { rendering: number; waiting: number };
}

export function createRenderGate(max = RENDERS_AT_ONCE, maxWaiting = RENDERS_WAITING): RenderGate {
  let rendering = 0;
  const waiting = new Set<() => void>();
  const startNext = () => {
    const next = waiting.values().next();
    if (next.done) return;
    waiting.delete(next.value);
    next.value();
  };
  return {
    enter(render) {
      if (rendering >= max && waiting.size >= maxWaiting) return null;
      let stage: 'waiting' | 'rendering' | 'done' = 'waiting';
      // A waiting render starts from the ending one's 'close': unbound, it ran in that request's async context and
      // Next's store snapshot chained every queued request to the one before (#13: 100+ MB of live heap under load).
      const ownContext = AsyncResource.bind(render);
      const start = () => {
        stage = 'rendering';
        rendering += 1;
        ownContext();
      };
      if (rendering < max) start();
      else waiting.add(start);
      return {
        leave: () => {
          if (stage === 'waiting') waiting.delete(start);
          else if (stage === 'rendering') {
            rendering -= 1;
            startNext();
          }
          stage = 'done';
        },
      };
    },
    state: () => ({ rendering, waiting: waiting.size }),
  };
}
