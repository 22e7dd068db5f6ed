import { sameText } from './authorize';

/** The OpenLineage HTTP transport's default endpoint (`url` + `api/v1/lineage`). */
export const INGEST_PATH = '/api/v1/lineage';

/**
 * With an ingest token set, the receiver checks it itself and dashboard auth stands aside for that
 * route only: pipelines send a bearer token, not Basic credentials or a proxy's user header.
 */
export function bypassesDashboardAuth(pathname: string, ingestToken: string | null): boolean {
  return ingestToken !== null && pathname.replace(/\/+$/, '') === INGEST_PATH;
}

/** `Authorization: Bearer <token>` (the transport's `auth: {type: api_key}`), compared in constant time. */
export function hasIngestToken(header: string | null, token: string): boolean {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match !== null && sameText(match[1]!, token);
}
