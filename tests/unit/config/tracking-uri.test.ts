import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrackingUri } from '@/lib/config/tracking-uri';
import { readEnv } from '@/lib/env';

const cwd = path.resolve('/srv/runlens');

describe('parseTrackingUri (MLflow grammar)', () => {
  it('sqlite:/// is relative to the working directory, sqlite://// is absolute', () => {
    expect(parseTrackingUri('sqlite:///data/mlflow.db', cwd)).toEqual({ ok: true, location: { kind: 'sqlite', path: path.join(cwd, 'data/mlflow.db') } });
    expect(parseTrackingUri('sqlite:////var/lib/mlflow.db', cwd)).toEqual({ ok: true, location: { kind: 'sqlite', path: '/var/lib/mlflow.db' } });
  });

  it('a path or file:// URI is an mlruns/ directory', () => {
    expect(parseTrackingUri('./mlruns', cwd)).toEqual({ ok: true, location: { kind: 'file', path: path.join(cwd, 'mlruns') } });
    expect(parseTrackingUri('/data/mlruns', cwd)).toEqual({ ok: true, location: { kind: 'file', path: '/data/mlruns' } });
    expect(parseTrackingUri('file:///data/groot/mlruns', cwd)).toEqual({ ok: true, location: { kind: 'file', path: '/data/groot/mlruns' } });
  });

  it('http(s) is recognised; other schemes and empty SQLite URIs are problems, not crashes', () => {
    expect(parseTrackingUri('https://mlflow.example.com/', cwd)).toEqual({ ok: true, location: { kind: 'http', url: 'https://mlflow.example.com' } });
    const pg = parseTrackingUri('postgresql://u@h/db', cwd);
    expect(pg.ok).toBe(false);
    expect(!pg.ok && pg.problem).toContain('postgresql');
    expect(parseTrackingUri('sqlite://', cwd).ok).toBe(false);
    expect(parseTrackingUri('sqlite:///:memory:', cwd).ok).toBe(false);
  });
});

describe('readEnv', () => {
  it('splits OPENLINEAGE_EVENTS on the OS path delimiter and resolves each path', () => {
    const env = readEnv({ OPENLINEAGE_EVENTS: ['events', '/abs/events.ndjson'].join(path.delimiter) }, cwd);
    expect(env.openLineageEvents).toEqual([path.join(cwd, 'events'), '/abs/events.ndjson']);
    expect(env.problems).toEqual([]);
  });

  it('names the variable and the problem instead of throwing', () => {
    const env = readEnv({ MLFLOW_TRACKING_URI: 'mysql://x', RUNLENS_REFRESH_INTERVAL_MS: 'soon' }, cwd);
    expect(env.mlflow).toBeNull();
    expect(env.problems.map((p) => p.variable).sort()).toEqual(['MLFLOW_TRACKING_URI', 'RUNLENS_REFRESH_INTERVAL_MS']);
    expect(env.refreshIntervalMs).toBe(1000);
  });
});

describe('readEnv — Marquez', () => {
  it('reads the URL without a trailing slash, the API key and the deadline', () => {
    const env = readEnv({ MARQUEZ_URL: 'http://marquez:5000/', MARQUEZ_API_KEY: 'k', MARQUEZ_TIMEOUT_MS: '2500' }, cwd);
    expect(env.marquez).toEqual({ url: 'http://marquez:5000', apiKey: 'k', timeoutMs: 2500 });
    expect(env.problems).toEqual([]);
  });

  it('refuses a non-http URL and a bad deadline by name', () => {
    const env = readEnv({ MARQUEZ_URL: 'marquez:5000', MARQUEZ_TIMEOUT_MS: '5' }, cwd);
    expect(env.marquez).toBeNull();
    expect(env.problems.map((p) => p.variable)).toEqual(['MARQUEZ_URL']);
    const slow = readEnv({ MARQUEZ_URL: 'https://m.example', MARQUEZ_TIMEOUT_MS: '5' }, cwd);
    expect(slow.problems.map((p) => p.variable)).toEqual(['MARQUEZ_TIMEOUT_MS']);
    expect(slow.marquez?.timeoutMs).toBe(5000);
  });
});
