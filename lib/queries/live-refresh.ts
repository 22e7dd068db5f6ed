import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';

/** How often a running run (or a runs list showing one) is asked again; finished runs are not polled. */
export const LIVE_REFRESH_MS = 20_000;

// Only what decides liveness is read; the API's own schemas (lib/api/contract) describe the rest.
const liveRunSchema = z.object({
  lineage: z.object({ state: z.string() }).nullish(),
  experiment: z.object({ status: z.string() }).nullish(),
});

/** Running by the run page's rule: the lineage state when there is a lineage side, else MLflow's status. */
export function isRunningApiRun(body: unknown): boolean {
  const run = liveRunSchema.safeParse(body);
  if (!run.success) return false;
  return run.data.lineage ? run.data.lineage.state === 'RUNNING' : run.data.experiment?.status === 'RUNNING';
}

/** Any listed run running, stages nested under a listed run (`group=stages`) included. */
export function anyRunningApiRun(body: unknown): boolean {
  const list = z.object({ runs: z.array(z.unknown()), stages: z.array(z.object({ runs: z.array(z.unknown()) })).optional() }).safeParse(body);
  return list.success && [...list.data.runs, ...(list.data.stages ?? []).flatMap((g) => g.runs)].some(isRunningApiRun);
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/**
 * Polls an API URL every LIVE_REFRESH_MS while the page is `live`, i.e. until the page itself has been
 * re-rendered as finished (an answer saying "finished" alone does not stop it, so a lost refresh is
 * retried). The rendered page counts as the first answer (null, fresh when loaded), so nothing is asked
 * on mount; a finished run's page makes no request at all.
 */
export function livePollQuery(url: string, live: boolean) {
  const polling = () => live;
  return queryOptions<unknown>({
    queryKey: ['live-poll', url] as const,
    queryFn: () => fetchJson(url),
    initialData: null,
    initialDataUpdatedAt: () => Date.now(),
    enabled: polling,
    refetchInterval: () => (polling() ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
    staleTime: LIVE_REFRESH_MS,
  });
}
