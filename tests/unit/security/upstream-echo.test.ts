import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRedisCache } from '@/lib/cache/redis-cache';
import { readEnv } from '@/lib/env';
import { createMarquezClient } from '@/lib/sources/marquez/client';
import { createMlflowClient } from '@/lib/sources/mlflow/client';
import { createWandbClient } from '@/lib/sources/wandb/client';
import { setLogSink } from '@/lib/observability/log';
import { parseDocument } from '@/lib/openlineage/parse-text';
import { scriptedServer } from '../http/scripted-server';

// Upstreams and proxies that echo the request's credentials in every error shape: no sentinel may survive
// in an error message (banners, unavailableSources, /health, reports) or in a log line.
const secrets = {
  MARQUEZ_API_KEY: 'sentinel-marquez-key-5e72',
  MLFLOW_TRACKING_PASSWORD: 'sentinel-mlflow-password-93ab',
  MLFLOW_TRACKING_TOKEN: 'sentinel-mlflow-token-6c1e',
  WANDB_API_KEY: 'sentinel-wandb-key-1f0d0000000000000000',
  REDIS_PASSWORD: 'sentinel-redis-password-77aa',
};
const mlflowUser = 'runlens-reader';
const needles = [
  ...Object.values(secrets),
  Buffer.from(`${mlflowUser}:${secrets.MLFLOW_TRACKING_PASSWORD}`).toString('base64'),
  Buffer.from(`api:${secrets.WANDB_API_KEY}`).toString('base64'),
];
const leaks = (text: string) => needles.filter((n) => text.includes(n));

/** Every error shape, each echoing the whole request (headers and body) the way real proxies and debug pages do. */
const shapes: Record<string, (req: IncomingMessage, res: ServerResponse, echo: string) => void> = {
  '401 json': (_q, res, echo) => res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 401, message: `bad credentials ${echo}` })),
  '400 text': (_q, res, echo) => res.writeHead(400, { 'content-type': 'text/plain' }).end(`Bad request: ${echo}`),
  '500 json': (_q, res, echo) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: echo })),
  '502 html': (_q, res, echo) => res.writeHead(502, { 'content-type': 'text/html' }).end(`<html><body><h1>502</h1><pre>${echo}</pre></body></html>`),
  '200 graphql errors': (_q, res, echo) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `denied for ${echo}` }] })),
  '200 invalid json': (_q, res, echo) => res.writeHead(200, { 'content-type': 'application/json' }).end(`${echo.slice(0, 25)} not json ${echo}`),
  '200 wrong shape': (_q, res, echo) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jobs: echo, experiments: echo, runs: echo, data: echo })),
};

const server = scriptedServer();
let logLines: string[] = [];

beforeEach(() => {
  for (const [name, value] of Object.entries(secrets)) vi.stubEnv(name, value);
  vi.stubEnv('MLFLOW_TRACKING_USERNAME', mlflowUser);
  vi.stubEnv('REDIS_URL', `redis://default:${secrets.REDIS_PASSWORD}@127.0.0.1:1`);
  logLines = [];
  setLogSink((line) => logLines.push(line));
});
afterEach(() => vi.unstubAllEnvs());

/** The error's message and fields ('' when the call succeeded). */
async function failure(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return '';
  } catch (error) {
    return `${error instanceof Error ? error.message : String(error)} ${JSON.stringify(error)}`;
  }
}

function echoing(shape: keyof typeof shapes) {
  server.handler = (req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const echo = `${JSON.stringify(req.headers)} ${body} authorization=${req.headers.authorization ?? ''}`;
      shapes[shape]!(req, res, echo);
    });
  };
}

describe('upstream error bodies that echo credentials', () => {
  for (const shape of Object.keys(shapes)) {
    it(`${shape}: no secret in Marquez, MLflow or W&B errors, nor in the logs`, async () => {
      echoing(shape);
      const marquez = createMarquezClient({ url: server.base, apiKey: secrets.MARQUEZ_API_KEY, retries: 0, timeoutMs: 2000 });
      const mlflowBasic = createMlflowClient({ baseUrl: server.base, username: mlflowUser, password: secrets.MLFLOW_TRACKING_PASSWORD, token: null, timeoutMs: 2000, retries: 0 });
      const mlflowToken = createMlflowClient({ baseUrl: server.base, username: null, password: null, token: secrets.MLFLOW_TRACKING_TOKEN, timeoutMs: 2000, retries: 0 });
      const wandb = createWandbClient({ baseUrl: server.base, apiKey: secrets.WANDB_API_KEY, retries: 0, timeoutMs: 2000 });
      const errors = await Promise.all([
        failure(marquez.namespaces({ limit: 10, offset: 0 })),
        failure(mlflowBasic.searchExperiments({ maxResults: 10, viewType: 'ACTIVE_ONLY' })),
        failure(mlflowToken.searchExperiments({ maxResults: 10, viewType: 'ACTIVE_ONLY' })),
        failure(wandb.projectRuns({ entity: 'team', project: 'p', perPage: 10, artifactsPerRun: 1 })),
      ]);
      // Each call carried its credentials to the stub and failed (a GraphQL error body is an error only to W&B).
      expect(server.hits.length).toBe(4);
      for (const hit of server.hits) expect(hit.authorization).toBeTruthy();
      const failed = shape === '200 graphql errors' ? errors.slice(3) : errors;
      for (const message of failed) expect(message).toMatch(/^(Marquez|MLflow|W&B)/);
      for (const message of errors) expect(leaks(message), message).toEqual([]);
      expect(leaks(logLines.join('\n'))).toEqual([]);
    });
  }
});

describe('other text from outside', () => {
  let redis: TcpServer;
  let redisPort = 0;
  beforeAll(async () => {
    // A fake Redis that answers every command (HELLO … AUTH, AUTH) with an error quoting its arguments.
    redis = createTcpServer((socket) => socket.on('data', (chunk) => socket.write(`-ERR unknown command, with args: ${chunk.toString('utf8').replace(/\r\n/g, ' ')}\r\n`)));
    await new Promise<void>((resolve) => redis.listen(0, '127.0.0.1', resolve));
    redisPort = (redis.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => redis.close(() => resolve())));

  it('a Redis that echoes AUTH shows no password in the cache problem', async () => {
    const url = `redis://default:${secrets.REDIS_PASSWORD}@127.0.0.1:${redisPort}`;
    vi.stubEnv('REDIS_URL', url);
    const cache = createRedisCache({ url, timeoutMs: 500 });
    await cache.get('k').catch(() => {});
    const problem = cache.problem() ?? '';
    await cache.close();
    expect(problem).not.toBe('');
    expect(leaks(problem)).toEqual([]);
  });

  it('a malformed URL variable with user:password is named without them', () => {
    const env = readEnv({ MARQUEZ_URL: `htp://u:${secrets.MARQUEZ_API_KEY}@marquez:5000`, WANDB_BASE_URL: `ftp://x:${secrets.WANDB_API_KEY}@w`, WANDB_API_KEY: 'k', MLFLOW_TRACKING_URI: `gopher://u:${secrets.MLFLOW_TRACKING_PASSWORD}@m?token=${secrets.MLFLOW_TRACKING_TOKEN}` });
    const text = JSON.stringify(env.problems);
    expect(env.problems.map((p) => p.variable)).toEqual(expect.arrayContaining(['MARQUEZ_URL', 'WANDB_BASE_URL', 'MLFLOW_TRACKING_URI']));
    expect(leaks(text)).toEqual([]);
  });

  it('a JSON parse error does not quote the file it read (e.g. a symlink to /proc/self/environ)', () => {
    // V8's message quotes ~10 characters around the error: the file's own words must not appear at all.
    for (const text of [`MARQUEZ_API_KEY=${secrets.MARQUEZ_API_KEY}\0HOME=/root\0`, `${secrets.MARQUEZ_API_KEY} and more`, `{"a": ${secrets.MARQUEZ_API_KEY}}`]) {
      const { problems } = parseDocument(text, 'events/link.json');
      expect(problems.length).toBeGreaterThan(0);
      const shown = JSON.stringify(problems);
      for (let i = 0; i + 6 <= text.length; i++) if (/^[\w=-]{6}$/.test(text.slice(i, i + 6))) expect(shown).not.toContain(text.slice(i, i + 6));
    }
  });
});
