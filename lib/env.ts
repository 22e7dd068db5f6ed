import 'server-only';
import path from 'node:path';
import { z } from 'zod';
import { parseAuthConfig, type AuthConfig } from '@/lib/auth/config';
import { parseTrackingUri, type TrackingLocation } from '@/lib/config/tracking-uri';
import { quotableUrl } from '@/lib/security/redact';

/** A configuration value that could not be used; shown on /health, never thrown. */
export interface EnvProblem {
  variable: string;
  message: string;
}

export interface MarquezConfig {
  /** Base URL without a trailing slash, e.g. http://marquez:5000 (the API lives under /api/v1). */
  url: string;
  /** Sent as `Authorization: Bearer` for deployments behind an auth proxy. */
  apiKey: string | null;
  timeoutMs: number;
}

/** Credentials for an MLflow tracking server, read exactly as MLflow's own client reads them. */
export interface MlflowAuth {
  username: string | null;
  password: string | null;
  token: string | null;
  insecureTls: boolean;
}

/** A W&B server (cloud or self-hosted) and the projects to read, as `entity/project`. */
export interface WandbConfig {
  /** API base without a trailing slash; queries go to `{baseUrl}/graphql`. */
  baseUrl: string;
  apiKey: string;
  entity: string;
  projects: string[];
}

export interface RunlensEnv {
  openLineageEvents: string[];
  marquez: MarquezConfig | null;
  mlflow: TrackingLocation | null;
  mlflowAuth: MlflowAuth;
  wandb: WandbConfig | null;
  /** Deadline of each call to an MLflow tracking server (MLFLOW_TIMEOUT_MS). */
  mlflowTimeoutMs: number;
  /** Deadline of each call to W&B (WANDB_TIMEOUT_MS). */
  wandbTimeoutMs: number;
  /** How often local sources look for new files, in ms. */
  refreshIntervalMs: number;
  /** RUNLENS_SWEEP_KB_PER_MINUTE in bytes: what each remote source's reconciliation sweep may re-read a minute. */
  sweepBytesPerMinute: number;
  /** A Redis server that replicas share as a cache (REDIS_URL); null: each process caches in memory only. */
  redisUrl: string | null;
  /** Where the run index lives: a SQLite file under RUNLENS_DATA_DIR, or the Postgres of RUNLENS_DATABASE_URL. */
  index: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** RUNLENS_INGEST_TOKEN: the bearer token POST /api/v1/lineage requires; null: the route follows dashboard auth. */
  ingestToken: string | null;
  problems: EnvProblem[];
}

const refreshSchema = z.coerce.number().int().min(0).max(3_600_000);
const timeoutSchema = z.coerce.number().int().min(100).max(120_000);
const sweepKbSchema = z.coerce.number().int().min(0).max(100_000);
const httpUrlSchema = z.url({ protocol: /^https?$/ });

/** A per-source deadline variable; a bad value keeps the default and becomes a problem. */
function readTimeout(source: Record<string, string | undefined>, variable: string, fallback: number, problems: EnvProblem[]): number {
  const raw = source[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const parsed = timeoutSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push({ variable, message: `"${raw}" is not a whole number of milliseconds between 100 and 120000` });
  return fallback;
}

/** RUNLENS_SWEEP_KB_PER_MINUTE (default 120); a bad value keeps the default and becomes a problem. */
function readSweepKb(source: Record<string, string | undefined>, problems: EnvProblem[]): number {
  const raw = source.RUNLENS_SWEEP_KB_PER_MINUTE;
  if (raw === undefined || raw.trim() === '') return 120;
  const parsed = sweepKbSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push({ variable: 'RUNLENS_SWEEP_KB_PER_MINUTE', message: `"${raw}" is not a whole number of kilobytes between 0 and 100000; using 120` });
  return 120;
}

function readMarquez(source: Record<string, string | undefined>, problems: EnvProblem[]): MarquezConfig | null {
  const raw = source.MARQUEZ_URL?.trim() ?? '';
  if (raw === '') return null;
  const url = httpUrlSchema.safeParse(raw);
  if (!url.success) {
    problems.push({ variable: 'MARQUEZ_URL', message: `"${quotableUrl(raw)}" is not an http(s) URL such as http://marquez:5000` });
    return null;
  }
  const timeoutMs = readTimeout(source, 'MARQUEZ_TIMEOUT_MS', 5000, problems);
  const apiKey = source.MARQUEZ_API_KEY?.trim() || null;
  return { url: url.data.replace(/\/+$/, ''), apiKey, timeoutMs };
}

const WANDB_DEFAULT_BASE = 'https://api.wandb.ai';
// W&B entity and project names: letters, digits, '-', '_' and '.' (no '/', which would break entity/project/runId).
const wandbNameSchema = z.string().regex(/^[\w.-]+$/);

/** W&B is on when any WANDB_* variable is set; what is missing or malformed becomes a problem naming it. */
function readWandb(source: Record<string, string | undefined>, problems: EnvProblem[]): WandbConfig | null {
  const apiKey = source.WANDB_API_KEY?.trim() ?? '';
  const entity = source.WANDB_ENTITY?.trim() ?? '';
  const projectsRaw = source.WANDB_PROJECT?.trim() ?? '';
  const baseRaw = source.WANDB_BASE_URL?.trim() ?? '';
  if (apiKey === '' && entity === '' && projectsRaw === '' && baseRaw === '') return null;
  const before = problems.length;
  const base = httpUrlSchema.safeParse(baseRaw === '' ? WANDB_DEFAULT_BASE : baseRaw);
  if (!base.success) problems.push({ variable: 'WANDB_BASE_URL', message: `"${quotableUrl(baseRaw)}" is not an http(s) URL such as ${WANDB_DEFAULT_BASE}` });
  if (apiKey === '') problems.push({ variable: 'WANDB_API_KEY', message: 'is not set: W&B needs an API key (https://wandb.ai/authorize) to read runs' });
  if (entity === '') problems.push({ variable: 'WANDB_ENTITY', message: 'is not set: name the W&B user or team that owns the projects' });
  else if (!wandbNameSchema.safeParse(entity).success) problems.push({ variable: 'WANDB_ENTITY', message: `"${entity}" is not a W&B entity name (letters, digits, '-', '_', '.')` });
  const projects = [...new Set(projectsRaw.split(',').map((p) => p.trim()).filter((p) => p !== ''))];
  const badProjects = projects.filter((p) => !wandbNameSchema.safeParse(p).success);
  if (projects.length === 0) problems.push({ variable: 'WANDB_PROJECT', message: 'is not set: list the W&B projects to read, separated by commas' });
  else if (badProjects.length > 0) problems.push({ variable: 'WANDB_PROJECT', message: `${badProjects.map((p) => `"${p}"`).join(', ')} is not a W&B project name (letters, digits, '-', '_', '.')` });
  if (problems.length > before || !base.success) return null;
  return { baseUrl: base.data.replace(/\/+$/, ''), apiKey, entity, projects };
}

function readRedisUrl(source: Record<string, string | undefined>, problems: EnvProblem[]): string | null {
  const raw = source.REDIS_URL?.trim() ?? '';
  if (raw === '') return null;
  if (z.url({ protocol: /^rediss?$/ }).safeParse(raw).success) return raw;
  problems.push({ variable: 'REDIS_URL', message: 'is not a redis:// or rediss:// URL such as redis://redis:6379; caching in memory only' });
  return null;
}

/** RUNLENS_DATABASE_URL (postgres://…) when replicas share an index, else a SQLite file in RUNLENS_DATA_DIR (default ./.runlens). */
function readIndexLocation(source: Record<string, string | undefined>, cwd: string, problems: EnvProblem[]): RunlensEnv['index'] {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ cwd, source.RUNLENS_DATA_DIR?.trim() || '.runlens');
  const sqlite = { kind: 'sqlite' as const, file: path.join(dataDir, 'index.sqlite') };
  const url = source.RUNLENS_DATABASE_URL?.trim() ?? '';
  if (url === '') return sqlite;
  if (z.url({ protocol: /^postgres(ql)?$/ }).safeParse(url).success) return { kind: 'postgres', url };
  // The URL may carry a password: the message names the variable, never its value.
  problems.push({ variable: 'RUNLENS_DATABASE_URL', message: `is not a postgres:// URL such as postgres://runlens@db:5432/runlens; using the SQLite index in ${dataDir}` });
  return sqlite;
}

/** The one place that reads process.env. Bad values become problems, so the app always starts. */
export function readEnv(source: Record<string, string | undefined> = process.env, cwd = process.cwd()): RunlensEnv {
  const problems: EnvProblem[] = [];

  const eventsRaw = source.OPENLINEAGE_EVENTS?.trim() ?? '';
  const openLineageEvents = eventsRaw === ''
    ? []
    : eventsRaw.split(path.delimiter).map((p) => p.trim()).filter((p) => p !== '').map((p) => path.resolve(/*turbopackIgnore: true*/ cwd, p));

  let mlflow: TrackingLocation | null = null;
  const trackingRaw = source.MLFLOW_TRACKING_URI;
  if (trackingRaw !== undefined && trackingRaw.trim() !== '') {
    const parsed = parseTrackingUri(trackingRaw, cwd);
    if (parsed.ok) mlflow = parsed.location;
    else problems.push({ variable: 'MLFLOW_TRACKING_URI', message: parsed.problem });
  }

  let refreshIntervalMs = 1000;
  if (source.RUNLENS_REFRESH_INTERVAL_MS !== undefined) {
    const parsed = refreshSchema.safeParse(source.RUNLENS_REFRESH_INTERVAL_MS);
    if (parsed.success) refreshIntervalMs = parsed.data;
    else problems.push({ variable: 'RUNLENS_REFRESH_INTERVAL_MS', message: `"${source.RUNLENS_REFRESH_INTERVAL_MS}" is not a whole number of milliseconds between 0 and 3600000` });
  }

  const marquez = readMarquez(source, problems);
  const redisUrl = readRedisUrl(source, problems);
  const index = readIndexLocation(source, cwd, problems);
  const mlflowAuth: MlflowAuth = {
    username: source.MLFLOW_TRACKING_USERNAME?.trim() || null,
    password: source.MLFLOW_TRACKING_PASSWORD || null,
    token: source.MLFLOW_TRACKING_TOKEN?.trim() || null,
    insecureTls: /^(true|1)$/i.test(source.MLFLOW_TRACKING_INSECURE_TLS?.trim() ?? ''),
  };
  const mlflowTimeoutMs = readTimeout(source, 'MLFLOW_TIMEOUT_MS', 10_000, problems);
  const sweepBytesPerMinute = readSweepKb(source, problems) * 1000;
  const wandbTimeoutMs = readTimeout(source, 'WANDB_TIMEOUT_MS', 10_000, problems);
  const wandb = readWandb(source, problems);
  const ingestToken = readIngestToken(source);
  return { openLineageEvents, marquez, mlflow, mlflowAuth, mlflowTimeoutMs, wandb, wandbTimeoutMs, refreshIntervalMs, sweepBytesPerMinute, redisUrl, index, ingestToken, problems };
}

/** Dashboard auth (RUNLENS_AUTH_*), read by proxy.ts for every request; a bad value refuses access (lib/auth/config.ts). */
export function readAuthEnv(source: Record<string, string | undefined> = process.env): AuthConfig {
  return parseAuthConfig({
    RUNLENS_AUTH: source.RUNLENS_AUTH,
    RUNLENS_AUTH_USER: source.RUNLENS_AUTH_USER,
    RUNLENS_AUTH_PASSWORD_HASH: source.RUNLENS_AUTH_PASSWORD_HASH,
    RUNLENS_AUTH_PASSWORD: source.RUNLENS_AUTH_PASSWORD,
    RUNLENS_AUTH_PROXY_HEADER: source.RUNLENS_AUTH_PROXY_HEADER,
    RUNLENS_AUTH_TRUSTED_PROXIES: source.RUNLENS_AUTH_TRUSTED_PROXIES,
  });
}

/** RUNLENS_INGEST_TOKEN, read by proxy.ts too (with it set, the receiver checks its own bearer token instead of dashboard auth). */
export function readIngestToken(source: Record<string, string | undefined> = process.env): string | null {
  return source.RUNLENS_INGEST_TOKEN?.trim() || null;
}

const SECRET_VARIABLES = ['MARQUEZ_API_KEY', 'MLFLOW_TRACKING_PASSWORD', 'MLFLOW_TRACKING_TOKEN', 'WANDB_API_KEY', 'RUNLENS_AUTH_PASSWORD', 'RUNLENS_AUTH_PASSWORD_HASH', 'RUNLENS_INGEST_TOKEN'] as const;
const URL_VARIABLES = ['MARQUEZ_URL', 'MLFLOW_TRACKING_URI', 'WANDB_BASE_URL', 'REDIS_URL', 'RUNLENS_DATABASE_URL'] as const;

/** `user:password` of a URL, read leniently (a malformed URL may still carry credentials). */
export function urlUserinfo(raw: string): { user: string; password: string } | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(raw.trim());
  if (!match) return null;
  const [user = '', password = ''] = match[1]!.split(/:(.*)/s);
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  return { user: decode(user), password: decode(password) };
}

/**
 * Every configured credential, and the `user:secret` pairs Basic auth encodes, for redaction of what
 * upstreams say (lib/security/secrets.ts). Never shown anywhere.
 */
export function secretValues(source: Record<string, string | undefined> = process.env): string[] {
  const values: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const value = source[name]?.trim();
    if (value) values.push(value);
  }
  const mlflowUser = source.MLFLOW_TRACKING_USERNAME?.trim();
  if (mlflowUser && source.MLFLOW_TRACKING_PASSWORD) values.push(`${mlflowUser}:${source.MLFLOW_TRACKING_PASSWORD}`);
  if (source.WANDB_API_KEY?.trim()) values.push(`api:${source.WANDB_API_KEY.trim()}`);
  const authUser = source.RUNLENS_AUTH_USER?.trim();
  if (authUser && source.RUNLENS_AUTH_PASSWORD) values.push(`${authUser}:${source.RUNLENS_AUTH_PASSWORD}`);
  for (const name of URL_VARIABLES) {
    const info = urlUserinfo(source[name] ?? '');
    if (!info) continue;
    if (info.password) values.push(info.password, `${info.user}:${info.password}`);
    else if (info.user) values.push(info.user);
  }
  return values;
}

/** OpenTelemetry export (the standard OTEL_* variables): on only when an OTLP endpoint is set. */
export interface TracingEnv {
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT; the exporter reads headers etc. itself. */
  endpoint: string | null;
  serviceName: string;
}

export function readTracingEnv(source: Record<string, string | undefined> = process.env): TracingEnv {
  const endpoint = source.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || source.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || null;
  return { endpoint, serviceName: source.OTEL_SERVICE_NAME?.trim() || 'runlens' };
}
