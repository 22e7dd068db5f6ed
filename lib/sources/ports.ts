import type {
  Dataset,
  ExperimentRun,
  Job,
  LineageGraph,
  LineageRun,
  MetricPoint,
  RegisteredModel,
  SourceHealth,
} from '@/lib/model';

/** Everything a lineage source knows, indexed. Local sources rebuild it when their files change. */
export interface LineageSnapshot {
  /** Increases whenever the data changed, so derived indexes can be cached against it. */
  version: number;
  runs: Map<string, LineageRun>;
  /** Keyed by `refKey(ref)` of lib/model. */
  jobs: Map<string, Job>;
  datasets: Map<string, Dataset>;
  graph: LineageGraph;
}

export interface LineageSource {
  readonly id: string;
  /** Picks up new data when anything changed (cheap when nothing did), then returns the current state. */
  snapshot(): Promise<LineageSnapshot>;
  health(): Promise<SourceHealth>;
}

export interface ExperimentSnapshot {
  version: number;
  runs: Map<string, ExperimentRun>;
  experiments: Map<string, { id: string; name: string }>;
  models: RegisteredModel[];
}

export interface ExperimentSource {
  readonly id: string;
  snapshot(): Promise<ExperimentSnapshot>;
  /** Full history of one metric of one run, ordered by step then timestamp. */
  metricHistory(runId: string, key: string): Promise<MetricPoint[]>;
  health(): Promise<SourceHealth>;
}
