import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quotableUrl, redactSecrets } from '@/lib/security/redact';

/** Where MLflow data lives, decided by MLflow's own MLFLOW_TRACKING_URI grammar. */
export type TrackingLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'file'; path: string }
  | { kind: 'http'; url: string };

export type TrackingUriResult = { ok: true; location: TrackingLocation } | { ok: false; problem: string };

/**
 * `sqlite:///rel.db` is relative to the working directory and `sqlite:////abs.db` absolute (SQLAlchemy);
 * a bare path or `file:` URI is an mlruns/ directory, as in MLflow's client.
 */
export function parseTrackingUri(raw: string, cwd: string): TrackingUriResult {
  const uri = raw.trim();
  if (uri === '') return { ok: false, problem: 'is empty' };
  if (uri.startsWith('sqlite://')) {
    const rest = uri.slice('sqlite://'.length);
    if (!rest.startsWith('/') || rest.length < 2) {
      return { ok: false, problem: `"${quotableUrl(uri)}" is not a SQLite URI of a file: use sqlite:///relative.db or sqlite:////absolute.db` };
    }
    const file = rest.slice(1).split('?')[0] ?? '';
    if (file === '' || file === ':memory:') return { ok: false, problem: `"${quotableUrl(uri)}" names no database file` };
    return { ok: true, location: { kind: 'sqlite', path: path.resolve(/*turbopackIgnore: true*/ cwd, decodeURIComponent(file)) } };
  }
  if (uri.startsWith('file:')) {
    try {
      const dir = uri.startsWith('file://') ? fileURLToPath(uri) : uri.slice('file:'.length);
      return { ok: true, location: { kind: 'file', path: path.resolve(/*turbopackIgnore: true*/ cwd, dir) } };
    } catch (error) {
      return { ok: false, problem: `"${quotableUrl(uri)}" is not a valid file URI (${redactSecrets((error as Error).message, [])})` };
    }
  }
  if (/^https?:\/\//i.test(uri)) {
    try {
      return { ok: true, location: { kind: 'http', url: new URL(uri).toString().replace(/\/$/, '') } };
    } catch {
      return { ok: false, problem: `"${quotableUrl(uri)}" is not a valid URL` };
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
  // A Windows drive letter ("C:") looks like a scheme but is a path.
  if (scheme && scheme.length > 1) {
    return { ok: false, problem: `scheme "${scheme}:" is not supported (use sqlite:///…, a path or file:// URI of mlruns/, or http(s)://)` };
  }
  return { ok: true, location: { kind: 'file', path: path.resolve(/*turbopackIgnore: true*/ cwd, uri) } };
}
