import { grootProjects, type FixtureProject } from './fixtures';
import { wandbSchema } from './schema';
import { serve, type LoggedRequest, type RateLimit } from './server';

export interface WandbStubOptions {
  /** The key clients must send as Basic api:<key>. Default "stub-api-key". */
  apiKey?: string;
  latencyMs?: number;
  /** Port on 127.0.0.1; 0 = any free port. */
  port?: number;
  /** Default: the groot-data-etl scenario (fixtures.ts). */
  projects?: FixtureProject[];
}

export interface WandbStub {
  /** e.g. http://127.0.0.1:40123; GraphQL at /graphql (what WANDB_BASE_URL points at). */
  url: string;
  apiKey: string;
  /** Every request in arrival order, with its operation name and variables. */
  requests: LoggedRequest[];
  /** The next `count` requests are answered 429 with Retry-After (or RateLimit-Reset) of `seconds`. */
  rateLimit(limit: RateLimit | null): void;
  close(): Promise<void>;
}

/** A W&B GraphQL API on loopback: each query is parsed and validated with graphql-js against the SDL, then executed on fixtures. */
export async function startWandbStub(options: WandbStubOptions = {}): Promise<WandbStub> {
  const requests: LoggedRequest[] = [];
  const apiKey = options.apiKey ?? 'stub-api-key';
  let limit: RateLimit | null = null;
  const server = await serve({
    schema: wandbSchema(), projects: options.projects ?? grootProjects(), apiKey, latencyMs: options.latencyMs ?? 0, port: options.port ?? 0,
    requests, rateLimit: () => limit,
  });
  return {
    url: server.url, apiKey, requests,
    rateLimit: (l) => {
      limit = l === null ? null : { ...l };
    },
    close: server.close,
  };
}

export { ENTITY, OL_RUN_IDS, PROJECT, artifactDigest, grootProjects } from './fixtures';
export { pythonJson } from './python-json';
export type { LoggedRequest, RateLimit };
