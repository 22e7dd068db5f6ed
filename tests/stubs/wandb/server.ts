import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { listenLoopback, type LoopbackServer } from '../loopback';
import type { FixtureProject } from './fixtures';
import { pythonJson } from './python-json';
import { rootValue } from './resolvers';

export interface LoggedRequest {
  method: string;
  path: string;
  /** The GraphQL operation name, when the document names one. */
  operationName: string | null;
  variables: Record<string, unknown>;
  status: number;
  /** Bytes of the response body: what the request cost the network. */
  bytes: number;
}

/** 429s to send before answering again: `count` requests get one, with this header. */
export interface RateLimit {
  count: number;
  header: 'retry-after' | 'ratelimit-reset';
  seconds: number;
}

export interface ServerOptions {
  schema: GraphQLSchema;
  projects: FixtureProject[];
  apiKey: string;
  latencyMs: number;
  port: number;
  requests: LoggedRequest[];
  rateLimit: () => RateLimit | null;
}

interface Reply {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

const json = (status: number, value: unknown): Reply => ({ status, body: pythonJson(value), contentType: 'application/json' });
const errors = (status: number, messages: string[]): Reply => json(status, { errors: messages.map((message) => ({ message })) });

function operationNameOf(document: DocumentNode | null): string | null {
  const op = document?.definitions.find((d) => d.kind === 'OperationDefinition');
  return op && op.kind === 'OperationDefinition' ? (op.name?.value ?? null) : null;
}

function answer(options: ServerOptions, req: IncomingMessage, raw: string, log: LoggedRequest): Reply {
  const limit = options.rateLimit();
  if (limit && limit.count > 0) {
    limit.count -= 1;
    return { ...errors(429, ['rate limit exceeded']), headers: { [limit.header]: String(limit.seconds) } };
  }
  // W&B's API key travels as HTTP Basic with the user "api"; anything else is refused before GraphQL runs.
  if (req.headers.authorization !== `Basic ${Buffer.from(`api:${options.apiKey}`).toString('base64')}`) {
    return { status: 401, body: 'Unauthorized\n', contentType: 'text/plain' };
  }
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path !== '/graphql') return { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
  if (req.method !== 'POST') return { status: 405, body: 'Method Not Allowed\n', contentType: 'text/plain' };
  let body: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    return errors(400, ['invalid JSON in request body']);
  }
  if (typeof body.query !== 'string') return errors(400, ['no query in request body']);
  const variables = typeof body.variables === 'object' && body.variables !== null ? (body.variables as Record<string, unknown>) : {};
  log.variables = variables;
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return errors(400, [error instanceof Error ? error.message : String(error)]);
  }
  log.operationName = operationNameOf(document);
  const invalid = validate(options.schema, document);
  if (invalid.length > 0) return errors(400, invalid.map((e) => e.message));
  const result = execute({ schema: options.schema, document, rootValue: rootValue(options.projects), variableValues: variables });
  if ('then' in result) return errors(500, ['the stub resolves synchronously']);
  return json(200, result.errors ? { data: result.data ?? null, errors: result.errors.map((e) => ({ message: e.message, path: e.path })) } : { data: result.data });
}

function handle(options: ServerOptions, req: IncomingMessage, res: ServerResponse, raw: string): void {
  const log: LoggedRequest = { method: req.method ?? '', path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname, operationName: null, variables: {}, status: 0, bytes: 0 };
  const reply = answer(options, req, raw, log);
  log.status = reply.status;
  log.bytes = Buffer.byteLength(reply.body);
  options.requests.push(log);
  const send = () => {
    res.writeHead(reply.status, { 'content-type': `${reply.contentType}; charset=utf-8`, 'content-length': Buffer.byteLength(reply.body), ...reply.headers });
    res.end(reply.body);
  };
  if (options.latencyMs > 0) setTimeout(send, options.latencyMs);
  else send();
}

export function serve(options: ServerOptions): Promise<LoopbackServer> {
  return listenLoopback(options.port, (req, res, body) => handle(options, req, res, body));
}
