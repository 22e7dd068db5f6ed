// Types for manifest.mjs: the shape of .demo-data/manifest.json that tests read.

export type IdRule = 'uuid' | 'mlflow-facet' | 'tags-facet' | 'mlflow-tag';
export type ExpectedRule = IdRule | 'dataset';

export interface ManifestDataset {
  namespace: string;
  name: string;
  version: string;
  rowCount: number;
}

export interface ManifestRun {
  /** e.g. "e1.deduplication", "quality-report", "export-stats", "notebook". */
  label: string;
  /** e1 | e2 | e3, or null for runs outside the nightly executions. */
  execution: string | null;
  date: string;
  /** pipeline | data-loading | deduplication | filtering | tokenization | quality-report | export-stats | notebook */
  stage: string;
  /** Expected primary link rule; null = unmatched. */
  rule: ExpectedRule | null;
  /** Id-based rules whose evidence was written, in precedence order. */
  idRules: IdRule[];
  openlineage: {
    runId: string;
    namespace: string;
    job: string;
    state: 'COMPLETE' | 'FAIL';
    eventTypes: string[];
    startTime: string;
    endTime: string;
    parentRunId: string | null;
    errorMessage: string | null;
  } | null;
  mlflow: {
    runId: string;
    runName: string;
    experimentId: string;
    status: 'FINISHED' | 'FAILED';
    startTime: number;
    endTime: number;
    parentRunId: string | null;
    metricKeys: string[];
    dataRecordedWith: 'log_input' | 'data.* tags' | null;
  } | null;
  input: ManifestDataset | null;
  output: ManifestDataset | null;
}

export interface DemoManifest {
  generator: string;
  openlineage: { dir: string; events: number };
  mlflowDb: string;
  experiment: { id: string; name: string };
  trackingUri: string;
  note: string;
  runs: ManifestRun[];
  rulesPrimary: Partial<Record<ExpectedRule, string[]>>;
  unmatched: { openlineageOnly: string[]; mlflowOnly: string[] };
  executions: Array<{
    id: string;
    date: string;
    state: 'COMPLETE' | 'FAIL';
    similarityThreshold: string;
    rawVersion: string;
    stages: Array<{ stage: string; label: string; input: ManifestDataset | null; output: ManifestDataset | null }>;
    stagesNotRun: string[];
  }>;
  paramDisagreements: Array<{ label: string; key: string; openlineage: string; mlflow: string }>;
  metricSpecials: Array<{ label: string; mlflowRunId: string; key: string; step: number; value: 'NaN' | 'Infinity' | '-Infinity' }>;
  models: Array<{
    name: string;
    aliases: Record<string, string>;
    versions: Array<{ version: string; runId: string; source: string; label: string | null }>;
  }>;
}

export declare function buildManifest(scenario: unknown, extra?: Record<string, unknown>): DemoManifest;
