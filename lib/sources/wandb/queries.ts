import 'server-only';

/*
 * The GraphQL documents Runlens sends to W&B, modelled on the ones the official Python public API sends
 * (wandb/apis/public/runs.py: Runs, Run, RunSampledHistory; artifacts.py: RunOutputArtifacts/RunInputArtifacts).
 * Only the fields Runlens maps are selected; tests/stubs/wandb validates every document against its SDL.
 */

const RUN_FIELDS = `fragment RunlensRunFields on Run {
  id
  name
  displayName
  state
  config
  summaryMetrics
  tags
  group
  jobType
  commit
  createdAt
  updatedAt
  heartbeatAt
  historyKeys
  user { username }
}`;

const ARTIFACT_FIELDS = `fragment RunlensArtifactFields on Artifact {
  id
  digest
  versionIndex
  state
  metadata
  artifactType { name }
  artifactSequence { name project { entityName name } }
  aliases { alias }
}`;

// The first page of a run's artifacts comes with the run, so a snapshot needs no request per run.
const RUN_WITH_ARTIFACTS = `...RunlensRunFields
outputArtifacts(first: $artifactsPerRun) {
  edges { node { ...RunlensArtifactFields } }
  pageInfo { endCursor hasNextPage }
}
inputArtifacts(first: $artifactsPerRun) {
  edges { node { ...RunlensArtifactFields } }
  pageInfo { endCursor hasNextPage }
}`;

export const PROJECT_RUNS_QUERY = `query RunlensProjectRuns($entity: String!, $project: String!, $cursor: String, $perPage: Int = 50, $order: String, $filters: JSONString, $artifactsPerRun: Int = 50) {
  project(name: $project, entityName: $entity) {
    runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
      edges {
        node {
          ${RUN_WITH_ARTIFACTS}
        }
        cursor
      }
      pageInfo { endCursor hasNextPage }
    }
  }
}
${RUN_FIELDS}
${ARTIFACT_FIELDS}`;

export const RUN_QUERY = `query RunlensRun($entity: String!, $project: String!, $name: String!, $artifactsPerRun: Int = 50) {
  project(name: $project, entityName: $entity) {
    run(name: $name) {
      ${RUN_WITH_ARTIFACTS}
    }
  }
}
${RUN_FIELDS}
${ARTIFACT_FIELDS}`;

function runArtifactsQuery(operation: string, field: 'outputArtifacts' | 'inputArtifacts'): string {
  return `query ${operation}($entity: String!, $project: String!, $runName: String!, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    run(name: $runName) {
      ${field}(after: $cursor, first: $perPage) {
        edges { node { ...RunlensArtifactFields } cursor }
        pageInfo { endCursor hasNextPage }
      }
    }
  }
}
${ARTIFACT_FIELDS}`;
}

export const RUN_OUTPUT_ARTIFACTS_QUERY = runArtifactsQuery('RunlensRunOutputArtifacts', 'outputArtifacts');
export const RUN_INPUT_ARTIFACTS_QUERY = runArtifactsQuery('RunlensRunInputArtifacts', 'inputArtifacts');

export const SAMPLED_HISTORY_QUERY = `query RunlensSampledHistory($entity: String!, $project: String!, $name: String!, $specs: [JSONString!]!) {
  project(name: $project, entityName: $entity) {
    run(name: $name) { historyKeys sampledHistory(specs: $specs) }
  }
}`;
