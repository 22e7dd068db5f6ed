import type { Facets } from './lineage';
import type { UnifiedRun } from './unified';

export interface CodeVersionRow {
  label: string;
  value: string;
  source: 'MLflow tag' | 'W&B run' | 'OpenLineage facet';
}

const mlflowTags: Array<[string, string]> = [
  ['mlflow.source.git.commit', 'Git commit'],
  ['mlflow.source.git.repoURL', 'Repository'],
  ['mlflow.source.git.branch', 'Branch'],
  ['mlflow.source.name', 'Entry point'],
  ['mlflow.source.type', 'Source type'],
];

const locationFields: Array<[string, string]> = [
  ['version', 'Git commit'], ['repoUrl', 'Repository'], ['url', 'URL'], ['path', 'Path'], ['branch', 'Branch'], ['tag', 'Tag'], ['type', 'VCS'],
];

/** W&B records the commit on the run itself (Run.commit); the W&B source keeps it as this tag. */
const WANDB_COMMIT_TAG = 'wandb.commit';

/** Code version from MLflow's source tags, the W&B run's commit and the OpenLineage `sourceCodeLocation` job facet, each labelled with its source. */
export function codeVersionRows(run: UnifiedRun, jobFacets: Facets | null): CodeVersionRow[] {
  const rows: CodeVersionRow[] = [];
  for (const [tag, label] of mlflowTags) {
    const value = run.experiment?.tags[tag];
    if (value) rows.push({ label, value, source: 'MLflow tag' });
  }
  const wandbCommit = run.experiment?.tags[WANDB_COMMIT_TAG];
  if (wandbCommit) rows.push({ label: 'Git commit', value: wandbCommit, source: 'W&B run' });
  const location = jobFacets?.sourceCodeLocation;
  if (typeof location === 'object' && location !== null) {
    for (const [field, label] of locationFields) {
      const value = (location as Record<string, unknown>)[field];
      if (typeof value === 'string' && value !== '') rows.push({ label, value, source: 'OpenLineage facet' });
    }
  }
  return rows;
}

/** True when any row pins the exact code (a commit), which an audit needs. */
export function hasCommit(rows: CodeVersionRow[]): boolean {
  return rows.some((r) => r.label === 'Git commit');
}
