import { describe, expect, it } from 'vitest';
import { joinRuns } from '@/lib/join';
import { experimentRun, lineageRun, mlflowFacet, wandbFacet, wandbPathTag, wandbRun } from './factories';

const OL = 'c9dc4486-fb20-487e-baa6-dd17e2e80764';
const OTHER_OL = '11b6b3b0-f303-4bba-a3f0-498435a5fd24';
const PROJECT = 'groot-team/groot-data-etl';
const MLFLOW_HEX = 'aaaaaaaa11114222833344445555aaaa';

describe('joinRuns — W&B rules', () => {
  it('wandb-config: the config key openlineage_run_id names the OpenLineage run', () => {
    const [run, ...rest] = joinRuns([lineageRun(OL)], [wandbRun('k3x9q2ab', { params: { openlineage_run_id: OL } })]);
    expect(rest).toHaveLength(0);
    expect(run?.link).toMatchObject({ rule: 'wandb-config', rules: ['wandb-config'] });
    expect(run?.link?.detail).toBe(`The W&B run's config openlineage_run_id names OpenLineage run ${OL}.`);
    expect(run?.id).toBe(OL);
  });

  it('wandb-config: a run tag ol:<uuid> links too, matched by UUID value', () => {
    const [run] = joinRuns([lineageRun(OL)], [wandbRun('k3x9q2ab', { wandbTags: ['nightly', `ol:${OL.toUpperCase()}`] })]);
    expect(run?.link?.rule).toBe('wandb-config');
    expect(run?.link?.detail).toContain('tag ol:');
  });

  it('wandb-facet: the custom wandb facet names entity, project and run id', () => {
    const [run, ...rest] = joinRuns([lineageRun(OL, { facets: wandbFacet('groot-team', 'groot-data-etl', 'k3x9q2ab') })], [wandbRun('k3x9q2ab')]);
    expect(rest).toHaveLength(0);
    expect(run?.link).toMatchObject({ rule: 'wandb-facet' });
    expect(run?.link?.detail).toContain(`${PROJECT}/k3x9q2ab`);
  });

  it('tags-facet: the wandb.run_path entry links, and outranks wandb-facet and wandb-config', () => {
    const lineage = lineageRun(OL, { facets: { ...wandbPathTag(`${PROJECT}/k3x9q2ab`), ...wandbFacet('groot-team', 'groot-data-etl', 'k3x9q2ab') } });
    const [run] = joinRuns([lineage], [wandbRun('k3x9q2ab', { params: { openlineage_run_id: OL } })]);
    expect(run?.link?.rules).toEqual(['tags-facet', 'wandb-facet', 'wandb-config']);
    expect(run?.link?.rule).toBe('tags-facet');
    expect(run?.link?.detail).toContain(`wandb.run_path = ${PROJECT}/k3x9q2ab`);
  });

  it('the same 8-character id in two projects names two runs; the path picks the right one', () => {
    const here = wandbRun('k3x9q2ab');
    const there = wandbRun('k3x9q2ab', { experimentId: 'groot-team/scratch', experimentName: 'groot-team/scratch' });
    const runs = joinRuns([lineageRun(OL, { facets: wandbPathTag('groot-team/scratch/k3x9q2ab') })], [here, there]);
    expect(runs).toHaveLength(2);
    expect(runs.find((r) => r.id === OL)?.experiment?.experimentId).toBe('groot-team/scratch');
    // The unmatched one is known by its path, so /runs/<entity>/<project>/<id> is its permalink.
    expect(runs.find((r) => r.lineage === null)?.id).toBe(`${PROJECT}/k3x9q2ab`);
  });

  it('an id rule from MLflow outranks a W&B rule naming another run: conflict noted', () => {
    const lineage = lineageRun(OL, { facets: { ...mlflowFacet(MLFLOW_HEX), ...wandbFacet('groot-team', 'groot-data-etl', 'k3x9q2ab') } });
    const runs = joinRuns([lineage], [experimentRun(MLFLOW_HEX), wandbRun('k3x9q2ab')]);
    const linked = runs.find((r) => r.id === OL);
    expect(linked?.link?.rule).toBe('mlflow-facet');
    expect(linked?.link?.conflicts).toEqual([`Conflict: rule wandb-facet pairs this run with W&B run ${PROJECT}/k3x9q2ab instead; the higher-precedence rule was kept.`]);
    expect(runs.find((r) => r.id === `${PROJECT}/k3x9q2ab`)?.notes).toEqual([`OpenLineage run ${OL} names this run by rule wandb-facet, but is already linked to another experiment run by a stronger rule.`]);
  });

  it('dangling W&B evidence is explained on both sides', () => {
    const runs = joinRuns(
      [lineageRun(OL, { facets: wandbPathTag(`${PROJECT}/gone1234`) })],
      [wandbRun('k3x9q2ab', { params: { openlineage_run_id: OTHER_OL } })],
    );
    expect(runs.every((r) => r.link === null)).toBe(true);
    expect(runs.find((r) => r.lineage)?.notes).toEqual([`Its tags-facet evidence names W&B run ${PROJECT}/gone1234, which no configured experiment source has.`]);
    expect(runs.find((r) => r.experiment)?.notes).toEqual([`Its wandb-config evidence names OpenLineage run ${OTHER_OL}, which no configured lineage source has.`]);
  });

  it('an MLflow param named openlineage_run_id is not W&B evidence', () => {
    const runs = joinRuns([lineageRun(OL)], [experimentRun(MLFLOW_HEX, { params: { openlineage_run_id: OL } })]);
    expect(runs.every((r) => r.link === null)).toBe(true);
  });
});

describe('joinRuns — dataset suggestion with W&B', () => {
  it('pairs a W&B run whose artifact names the same dataset version, once', () => {
    const lineage = lineageRun(OL, { inputs: [{ namespace: 's3://bucket', name: 'groot/x', version: 'v1', facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null }] });
    const datasets = [{ name: 'x:v0', digest: 'v1', recordedWith: 'wandb artifact' as const, sourceType: 'dataset', sourceUri: 's3://bucket/groot/x', context: 'input', namespace: 's3://bucket', olName: 'groot/x' }];
    const runs = joinRuns([lineage], [wandbRun('k3x9q2ab', { datasets })], Date.parse('2026-11-21T00:00:00Z'));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.link?.rule).toBe('dataset');
    expect(runs[0]?.experiment?.runId).toBe('k3x9q2ab');
  });
});
