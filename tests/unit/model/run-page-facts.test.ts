// Issue #14 items 6 and 8: what the run page says about an errorMessage and about a parent only the facet names.
import { describe, expect, it } from 'vitest';
import type { UnifiedRun } from '@/lib/model';
import { failureMessageOf, runFailureOf } from '@/lib/model/run-failure';
import { parentViewOf } from '@/lib/model/run-parent';
import { experimentRun, lineageRun } from '../join/factories';

const unified = (over: Partial<UnifiedRun>): UnifiedRun => ({ id: 'r', lineage: null, experiment: null, link: null, parentId: null, childIds: [], notes: [], ...over });
const errorFacet = { errorMessage: { message: 'retrying after a lost executor', programmingLanguage: 'JAVA', stackTrace: 'at x' } };

describe('errorMessage on the run page', () => {
  it('is a warning, not "failed", on a RUNNING run whose START carried it', () => {
    const run = unified({ lineage: lineageRun('r', { state: 'RUNNING', endedAt: null, facets: errorFacet, errorMessage: 'retrying after a lost executor' }) });
    expect(runFailureOf(run)).toEqual({ severity: 'warning', message: 'retrying after a lost executor', stackTrace: 'at x', language: 'JAVA' });
  });

  it('is a failure with a FAIL or ABORT state, or a failed experiment run', () => {
    expect(runFailureOf(unified({ lineage: lineageRun('r', { state: 'FAILED', facets: errorFacet }) }))?.severity).toBe('failed');
    expect(runFailureOf(unified({ lineage: lineageRun('r', { state: 'ABORTED' }) }))).toMatchObject({ severity: 'failed', message: expect.stringContaining('aborted') });
    expect(runFailureOf(unified({ lineage: lineageRun('r', { state: 'COMPLETED', facets: errorFacet }), experiment: experimentRun('e', { status: 'FAILED' }) }))?.severity).toBe('failed');
    expect(runFailureOf(unified({ lineage: lineageRun('r', { state: 'COMPLETED' }) }))).toBeNull();
  });

  it('is the audit report\'s failure only for a run that failed', () => {
    expect(failureMessageOf(unified({ lineage: lineageRun('r', { state: 'RUNNING', facets: errorFacet, errorMessage: 'retrying' }) }))).toBeNull();
    expect(failureMessageOf(unified({ lineage: lineageRun('r', { state: 'FAILED', facets: errorFacet, errorMessage: 'boom' }) }))).toBe('boom');
  });
});

describe('parent named only by the facet', () => {
  const child = unified({ lineage: lineageRun('r', { parent: { runId: '3f5e83fa-3480-44ff-99c5-ff943904e5e8', job: { namespace: 'airflow', name: 'dag' } } }) });

  it('shows the parent job and run id from the facet, labelled as not in the configured sources', () => {
    expect(parentViewOf(child, null)).toEqual({ kind: 'facet-only', runId: '3f5e83fa-3480-44ff-99c5-ff943904e5e8', job: { namespace: 'airflow', name: 'dag' }, note: 'not in the configured sources' });
  });

  it('links the parent run when a source has it, and shows nothing for a run without a parent', () => {
    expect(parentViewOf(child, { id: 'p', label: 'dag', status: 'COMPLETED' })).toEqual({ kind: 'run', run: { id: 'p', label: 'dag', status: 'COMPLETED' } });
    expect(parentViewOf(unified({ lineage: lineageRun('x') }), null)).toBeNull();
  });
});

describe('the audit report\'s nominal start', () => {
  it('is UTC with Z, as every other time of the report', async () => {
    const { nominalStartOf } = await import('@/lib/audit/report-origin');
    const run = unified({ lineage: lineageRun('r', { facets: { nominalTime: { nominalStartTime: '2020-12-28T19:52:00.001+10:00' } } }) });
    expect(nominalStartOf(run)).toBe('2020-12-28T09:52:00.001Z');
  });
});
