import 'server-only';
import type { z } from 'zod';
import { fetchJson } from '@/lib/http/fetch-json';
import { SourceError } from '@/lib/http/source-error';
import { parseWandbJson } from './json';
import {
  PROJECT_RUNS_QUERY, RUN_INPUT_ARTIFACTS_QUERY, RUN_OUTPUT_ARTIFACTS_QUERY, RUN_QUERY, SAMPLED_HISTORY_QUERY,
} from './queries';
import {
  graphqlResponseSchema, projectRunsDataSchema, runArtifactsDataSchema, runDataSchema, sampledHistoryDataSchema,
  type WireArtifact, type WireHistoryKeys, type WireHistoryRow, type WireRun, type WireRunConnection,
} from './schemas';

/** How errors name the upstream: "W&B: POST /graphql …". */
export const WANDB_LABEL = 'W&B';

export interface WandbClientOptions {
  /** API base, e.g. https://api.wandb.ai or a self-hosted server; queries go to `{baseUrl}/graphql`. */
  baseUrl: string;
  apiKey: string;
  /** Deadline of each request. Default 15 000 ms. */
  timeoutMs?: number;
  /** Retries of queries on network errors, timeouts, 429 (after Retry-After) and 5xx. Default 2. */
  retries?: number;
  backoffMs?: number;
}

export interface ProjectRef {
  entity: string;
  project: string;
}

export interface RunRef extends ProjectRef {
  /** The 8-character run id. */
  name: string;
}

export interface Connection<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** W&B's GraphQL API, one method per query; null where the project or run does not exist. */
export interface WandbClient {
  readonly baseUrl: string;
  /** A page of a project's runs, with the size of the answer's body (the change feed sizes its sweep by it). */
  projectRuns(p: ProjectRef & { cursor?: string; perPage: number; artifactsPerRun: number; order?: string; filters?: Record<string, unknown> }): Promise<(Connection<WireRun> & { bytes?: number }) | null>;
  run(p: RunRef & { artifactsPerRun: number }): Promise<WireRun | null>;
  runArtifacts(p: RunRef & { direction: 'output' | 'input'; cursor?: string; perPage: number }): Promise<Connection<WireArtifact> | null>;
  /** The sampled rows and the run's history index (how often each key was logged); null for an unknown run. */
  sampledHistory(p: RunRef & { keys: string[]; samples: number }): Promise<{ rows: WireHistoryRow[]; historyKeys: WireHistoryKeys | null } | null>;
}

/** Like W&B's own client: HTTP Basic with the user "api" and the API key as the password. */
export function wandbAuthHeader(apiKey: string): string {
  return `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`;
}

function graphqlUrl(baseUrl: string): URL {
  try {
    const url = new URL(baseUrl);
    url.search = '';
    url.hash = '';
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/graphql`;
    return url;
  } catch {
    throw new SourceError({ source: WANDB_LABEL, kind: 'network', message: `${WANDB_LABEL}: WANDB_BASE_URL is not a valid http(s) URL` });
  }
}

export function connectionOf<T>(connection: { edges?: Array<{ node?: T | null } | null> | null; pageInfo?: { endCursor?: string | null; hasNextPage?: boolean | null } | null } | null | undefined): Connection<T> {
  const items = (connection?.edges ?? []).flatMap((edge) => (edge?.node ? [edge.node] : []));
  return { items, endCursor: connection?.pageInfo?.endCursor ?? null, hasNextPage: connection?.pageInfo?.hasNextPage === true };
}

export function createWandbClient(options: WandbClientOptions): WandbClient {
  const baseUrl = options.baseUrl.trim().replace(/\/+$/, '');
  const headers = { authorization: wandbAuthHeader(options.apiKey) };

  async function query<T extends z.ZodType>(operation: string, document: string, variables: Record<string, unknown>, data: T, measure?: (bytes: number) => void): Promise<z.infer<T>> {
    const parseBody = measure === undefined ? parseWandbJson : (text: string) => {
      measure(text.length);
      return parseWandbJson(text);
    };
    const answer = await fetchJson({
      url: graphqlUrl(baseUrl), method: 'POST', headers, body: { query: document, variables }, schema: graphqlResponseSchema(data),
      source: WANDB_LABEL, timeoutMs: options.timeoutMs ?? 15_000, retries: options.retries ?? 2, backoffMs: options.backoffMs ?? 250,
      // Queries only read, so they are retried like GETs; the body may hold NaN/Infinity as bare tokens.
      idempotent: true, parseBody,
    });
    const messages = (answer.errors ?? []).map((e) => e.message ?? '(no message)');
    if (messages.length > 0) {
      const more = messages.length > 3 ? ` (and ${messages.length - 3} more)` : '';
      throw new SourceError({ source: WANDB_LABEL, kind: 'http', status: 200, message: `${WANDB_LABEL}: ${operation} failed: ${messages.slice(0, 3).join('; ')}${more}` });
    }
    if (answer.data === null || answer.data === undefined) {
      throw new SourceError({ source: WANDB_LABEL, kind: 'parse', message: `${WANDB_LABEL}: ${operation} returned neither data nor errors` });
    }
    return answer.data;
  }

  return {
    baseUrl,
    projectRuns: async (p) => {
      const variables = {
        entity: p.entity, project: p.project, cursor: p.cursor ?? null, perPage: p.perPage, artifactsPerRun: p.artifactsPerRun,
        order: p.order ?? '+created_at', filters: JSON.stringify(p.filters ?? {}),
      };
      let bytes = 0;
      const data = await query('RunlensProjectRuns', PROJECT_RUNS_QUERY, variables, projectRunsDataSchema, (n) => {
        bytes = n;
      });
      return data.project ? { ...connectionOf<WireRun>(data.project.runs as WireRunConnection | null | undefined), bytes } : null;
    },
    run: async (p) => {
      const data = await query('RunlensRun', RUN_QUERY, { entity: p.entity, project: p.project, name: p.name, artifactsPerRun: p.artifactsPerRun }, runDataSchema);
      return data.project?.run ?? null;
    },
    runArtifacts: async (p) => {
      const [operation, document] = p.direction === 'output'
        ? ['RunlensRunOutputArtifacts', RUN_OUTPUT_ARTIFACTS_QUERY]
        : ['RunlensRunInputArtifacts', RUN_INPUT_ARTIFACTS_QUERY];
      const data = await query(operation, document, { entity: p.entity, project: p.project, runName: p.name, cursor: p.cursor ?? null, perPage: p.perPage }, runArtifactsDataSchema);
      const run = data.project?.run;
      if (!run) return null;
      return connectionOf<WireArtifact>(p.direction === 'output' ? run.outputArtifacts : run.inputArtifacts);
    },
    sampledHistory: async (p) => {
      const specs = [JSON.stringify({ keys: p.keys, samples: p.samples })];
      const data = await query('RunlensSampledHistory', SAMPLED_HISTORY_QUERY, { entity: p.entity, project: p.project, name: p.name, specs }, sampledHistoryDataSchema);
      const run = data.project?.run;
      if (!run) return null;
      // One list per spec; Runlens sends one.
      return { rows: run.sampledHistory?.[0] ?? [], historyKeys: run.historyKeys ?? null };
    },
  };
}
