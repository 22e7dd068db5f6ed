/** What the stubs logged, split by what caused it: the sources' periodic snapshots, or one run's page. */
export interface LoggedRequest {
  path: string;
  query: string;
}

// Marquez /jobs/runs/{id} (and /runs/{id}), /events/lineage, /runlineage/upstream; MLflow runs/get and metric histories.
const PER_RUN = [/^\/api\/v1\/(?:jobs\/)?runs\//, /\/events\/lineage$/, /\/runlineage\/upstream$/, /\/mlflow\/runs\/get$/, /\/mlflow\/metrics\/get-history/];

export const isPerRun = (r: LoggedRequest): boolean => PER_RUN.some((pattern) => pattern.test(r.path));
export const isHistory = (r: LoggedRequest): boolean => r.path.endsWith('/metrics/get-history');
