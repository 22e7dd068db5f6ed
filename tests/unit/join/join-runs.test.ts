import { describe, expect, it } from 'vitest';
import { joinRuns } from '@/lib/join';
import { experimentRun, lineageRun, mlflowFacet, tagsFacet } from './factories';

const A_HEX = 'aaaaaaaa11114222833344445555aaaa';
const A_DASHED = 'aaaaaaaa-1111-4222-8333-44445555aaaa';
const B_HEX = 'bbbbbbbb11114222833344445555bbbb';
const C_DASHED = 'cccccccc-1111-4222-8333-44445555cccc';

describe('joinRuns — each rule alone', () => {
  it('uuid: dashed OpenLineage runId equals the 32-hex MLflow id, case-insensitively', () => {
    const [run, ...rest] = joinRuns([lineageRun(A_DASHED)], [experimentRun(A_HEX.toUpperCase())]);
    expect(rest).toHaveLength(0);
    expect(run?.link).toMatchObject({ rule: 'uuid', rules: ['uuid'] });
    expect(run?.link?.detail).toContain('same UUID');
    expect(run?.id).toBe(A_DASHED);
  });

  it('mlflow-facet: the custom mlflow facet names the MLflow run', () => {
    const runs = joinRuns([lineageRun('not-a-uuid', { facets: mlflowFacet(B_HEX) })], [experimentRun(B_HEX)]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.link?.rule).toBe('mlflow-facet');
    expect(runs[0]?.link?.detail).toContain(B_HEX);
  });

  it('tags-facet: only the mlflow.run_id entry links, not the client tags', () => {
    const runs = joinRuns([lineageRun(C_DASHED, { facets: tagsFacet(B_HEX) })], [experimentRun(B_HEX)]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.link).toMatchObject({ rule: 'tags-facet', rules: ['tags-facet'] });
  });

  it('mlflow-tag: the MLflow tag openlineage.run_id names the OpenLineage run', () => {
    const runs = joinRuns([lineageRun(C_DASHED)], [experimentRun(B_HEX, { tags: { 'openlineage.run_id': C_DASHED } })]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.link?.rule).toBe('mlflow-tag');
    expect(runs[0]?.experiment?.runId).toBe(B_HEX);
  });
});

describe('joinRuns — precedence, conflicts, unmatched', () => {
  it('records every rule that holds and shows the first in linking order', () => {
    const lineage = lineageRun(A_DASHED, { facets: { ...mlflowFacet(A_HEX), ...tagsFacet(A_HEX) } });
    const experiment = experimentRun(A_HEX, { tags: { 'openlineage.run_id': A_DASHED } });
    const [run] = joinRuns([lineage], [experiment]);
    expect(run?.link?.rules).toEqual(['uuid', 'mlflow-facet', 'tags-facet', 'mlflow-tag']);
    expect(run?.link?.rule).toBe('uuid');
    expect(run?.link?.conflicts).toEqual([]);
  });

  it('when evidence names different partners, the first rule wins and a conflict names the other', () => {
    // uuid pairs A with A; its mlflow facet names B instead.
    const lineage = lineageRun(A_DASHED, { facets: mlflowFacet(B_HEX) });
    const runs = joinRuns([lineage], [experimentRun(A_HEX), experimentRun(B_HEX)]);
    const linked = runs.find((r) => r.id === A_DASHED);
    expect(linked?.experiment?.runId).toBe(A_HEX);
    expect(linked?.link?.conflicts.join(' ')).toContain(B_HEX);
    const other = runs.find((r) => r.id === B_HEX);
    expect(other?.link).toBeNull();
    expect(other?.lineage).toBeNull();
    expect(other?.notes.join(' ')).toContain('already linked');
  });

  it('keeps unmatched runs of both sides, labelled, and explains dangling evidence', () => {
    const lineage = lineageRun(C_DASHED, { facets: mlflowFacet('ffffffffffffffffffffffffffffffff') });
    const experiment = experimentRun(B_HEX, { tags: { 'openlineage.run_id': 'gone-run' } });
    const runs = joinRuns([lineage], [experiment]);
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.link === null)).toBe(true);
    expect(runs.find((r) => r.lineage)?.notes.join(' ')).toContain('no configured experiment source');
    expect(runs.find((r) => r.experiment)?.notes.join(' ')).toContain('no configured lineage source');
  });

  it('pairs one-to-one: two lineage runs claiming one MLflow run leave one unmatched', () => {
    const first = lineageRun(A_DASHED);
    const second = lineageRun(C_DASHED, { facets: tagsFacet(A_HEX) });
    const runs = joinRuns([first, second], [experimentRun(A_HEX)]);
    expect(runs.filter((r) => r.link !== null)).toHaveLength(1);
    expect(runs.find((r) => r.id === A_DASHED)?.link?.rule).toBe('uuid');
    expect(runs.find((r) => r.id === C_DASHED)?.experiment).toBeNull();
  });
});

describe('joinRuns — nesting', () => {
  it('places stages under their pipeline run from the parent facet, else the mlflow.parentRunId tag', () => {
    const parent = lineageRun(A_DASHED);
    const stage = lineageRun(C_DASHED, { parent: { runId: A_DASHED, job: { namespace: 'ns', name: 'p' } } });
    const orphanExperiment = experimentRun(B_HEX, { tags: { 'mlflow.parentRunId': A_HEX } });
    const runs = joinRuns([parent, stage], [experimentRun(A_HEX), orphanExperiment]);
    const top = runs.find((r) => r.id === A_DASHED);
    expect(top?.childIds.sort()).toEqual([B_HEX, C_DASHED].sort());
    expect(runs.find((r) => r.id === C_DASHED)?.parentId).toBe(A_DASHED);
    expect(runs.find((r) => r.id === B_HEX)?.parentId).toBe(A_DASHED);
  });
});

describe('joinRuns — dataset suggestion', () => {
  const logged = { namespace: 's3://bucket', name: 'groot/staging/filtered', version: 'e74dbc1f', facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null };
  const mlflowDataset = { name: 'filtered', digest: 'e74dbc1f', sourceType: 's3', sourceUri: 's3://bucket/groot/staging/filtered', context: 'input', namespace: 's3://bucket', olName: 'groot/staging/filtered', recordedWith: 'log_input' as const };

  it('suggests, labelled as lower confidence, a pair that logged the same dataset version in the same window', () => {
    const runs = joinRuns([lineageRun('quality-report', { inputs: [logged] })], [experimentRun(B_HEX, { datasets: [mlflowDataset] })]);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.link?.rule).toBe('dataset');
    expect(runs[0]?.link?.detail).toMatch(/^Suggested, lower confidence/);
    expect(runs[0]?.link?.detail).toContain('s3://bucket/groot/staging/filtered@e74dbc1f');
  });

  it('never overrides an id rule, and suggests nothing outside the time window or when ambiguous', () => {
    const linked = joinRuns([lineageRun(A_DASHED, { inputs: [logged] })], [experimentRun(A_HEX), experimentRun(B_HEX, { datasets: [mlflowDataset] })]);
    expect(linked.find((r) => r.id === A_DASHED)?.link?.rule).toBe('uuid');
    expect(linked.find((r) => r.id === B_HEX)?.link).toBeNull();

    const later = experimentRun(B_HEX, { datasets: [mlflowDataset], startTime: Date.parse('2026-11-21T00:00:00Z'), endTime: Date.parse('2026-11-21T01:00:00Z') });
    expect(joinRuns([lineageRun('q', { inputs: [logged] })], [later]).every((r) => r.link === null)).toBe(true);

    const twins = [experimentRun(B_HEX, { datasets: [mlflowDataset] }), experimentRun(A_HEX, { datasets: [mlflowDataset] })];
    expect(joinRuns([lineageRun('q', { inputs: [logged] })], twins).every((r) => r.link === null)).toBe(true);
  });
});
