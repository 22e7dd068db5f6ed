/** What every source reports about itself for /health and the banners. */

export interface SourceProblem {
  /** The file, URL or table the problem is in. */
  where: string;
  /** 1-based line for JSON Lines files, when known. */
  line?: number;
  message: string;
}

export interface SourceHealth {
  /** Stable id, e.g. "openlineage-files". */
  id: string;
  /** What the source is, for people: "OpenLineage events", "MLflow (SQLite)". */
  label: string;
  kind: 'lineage' | 'experiment';
  configured: boolean;
  /** Where it reads from (paths, URI without credentials). */
  location: string | null;
  status: 'ok' | 'degraded' | 'unavailable' | 'not-configured';
  counts: Record<string, number>;
  /** Problems that did not stop loading (malformed files or lines, skipped rows). */
  problems: SourceProblem[];
  /** What stops the source from working at all, or null. */
  error: string | null;
  /** Extra facts, e.g. the MLflow alembic revision. */
  details: Record<string, string>;
  checkedAt: string;
}
