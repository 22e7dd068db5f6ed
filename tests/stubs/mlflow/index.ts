import path from 'node:path';
import { loadRecordings, type RecordedData } from './recordings';
import { serve, type LoggedRequest, type StubAuth, type StubFault } from './server';

/**
 * An MLflow tracking server on loopback that answers from real recordings (see README.md): by
 * default the MLflow 2.12.2 server of ../shared/data/groot-a, or any folder in the same layout.
 */
export interface MlflowStubOptions {
  /** Added to every response, to imitate a remote server. Default 0. */
  latencyMs?: number;
  /**
   * Added to runs/search answers per run returned, as MLflow's SQL store loads each run's params, metrics and
   * tags (the real 2.12.2 server with 150,000 runs: ~2–10 ms a run when busy). Default 0.
   */
  latencyPerRunMs?: number;
  /** Port on 127.0.0.1; 0 = any free port. */
  port?: number;
  /** Like `mlflow server --app-name basic-auth` (Basic) or a token-checking proxy (Bearer); plain-text 401 otherwise. */
  auth?: StubAuth;
  /** A folder with `_status.tsv` and the recorded bodies. Default: GROOT_RECORDINGS. */
  recordings?: string;
  /** Serve under a path prefix, as behind a reverse proxy: "/mlflow". Default "". */
  basePath?: string;
  /** False: no get-history-bulk-interval (Flask's 404), like a server before 2.11. Default true. */
  bulkInterval?: boolean;
  /** Serve this data instead of recordings (e.g. syntheticData() for a real-team-sized server). */
  data?: RecordedData;
}

export interface MlflowStub {
  /** e.g. http://127.0.0.1:40123 (plus basePath); the API is under /api/2.0/mlflow. */
  url: string;
  /** Every request in arrival order, for fan-out assertions. */
  requests: LoggedRequest[];
  /** Answer every request (or those whose path contains `match`) with this, until set back to null. */
  setFault(fault: StubFault | null): void;
  /** Leave these runs out of runs/search (runs/get still answers them), as if they started after the last search. */
  setUnlisted(runIds: readonly string[]): void;
  /** Changes latencyPerRunMs from now on (a server that gets busy, then recovers). */
  setLatencyPerRunMs(ms: number): void;
  /** What the stub serves; tests add, change and remove runs in it to play a server that changes. */
  data: RecordedData;
  close(): Promise<void>;
}

/** The REST recordings of groot-a's MLflow 2.12.2 server (vitest and Playwright run from the repo root). */
export const GROOT_RECORDINGS = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a', 'mlflow-server', 'rest');
/** Hand-written 3.x-shaped answers for tests/fixtures/mlflow-store/mlflow-3-like.sql (see that folder's README). */
export const MLFLOW3_RECORDINGS = path.resolve(process.cwd(), 'tests', 'fixtures', 'mlflow', 'mlflow-3x');

export async function startMlflowStub(options: MlflowStubOptions = {}): Promise<MlflowStub> {
  const requests: LoggedRequest[] = [];
  let fault: StubFault | null = null;
  let latencyPerRunMs = options.latencyPerRunMs ?? 0;
  const unlisted = new Set<string>();
  const data = options.data ?? loadRecordings(options.recordings ?? GROOT_RECORDINGS);
  const server = await serve({
    data,
    latencyMs: options.latencyMs ?? 0,
    latencyPerRunMs: () => latencyPerRunMs,
    port: options.port ?? 0,
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    auth: options.auth,
    bulkInterval: options.bulkInterval ?? true,
    unlisted,
    requests,
    fault: () => fault,
  });
  return {
    url: server.url,
    requests,
    setFault: (f) => {
      fault = f;
    },
    setLatencyPerRunMs: (ms) => {
      latencyPerRunMs = ms;
    },
    setUnlisted: (runIds) => {
      unlisted.clear();
      for (const id of runIds) unlisted.add(id);
    },
    data,
    close: server.close,
  };
}

export type { LoggedRequest, StubAuth, StubFault };
export { syntheticData, syntheticRun, syntheticRunId } from './synthetic';
