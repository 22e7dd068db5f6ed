import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ParamDiffTable } from '@/components/compare/param-diff-table';
import { apiComparisonSchema } from '@/lib/api/contract';
import { compareRuns } from '@/lib/audit/compare';
import type { CompareContext } from '@/lib/audit/compare-context';
import { diffParams } from '@/lib/audit/diff-params';
import { auditReportMarkdown } from '@/lib/audit/report-markdown';
import { HASH_COVERS, verifyReport } from '@/lib/audit/report-hash';
import type { AuditReport, AuditSource } from '@/lib/audit/report-schema';
import { auditReportIn, type AuditDeps } from '@/lib/catalog/audit-report';
import type { RunIndex } from '@/lib/catalog/run-index';
import { toApiComparison } from '@/lib/catalog/compare-model';
import { joinRuns } from '@/lib/join';
import type { UnifiedRun } from '@/lib/model';
import { keyValuesSchema } from '@/lib/sources/mlflow/schemas/common';
import { experimentRun, lineageRun } from '../join/factories';
import { viewWithRun, withDemoIndex } from '../catalog/catalog-index';

/** MLflow params as the MLflow client parses them: secret-named values are redacted at parse time. */
function parsedParams(params: Record<string, string>): Record<string, string> {
  const pairs = keyValuesSchema.parse(Object.entries(params).map(([key, value]) => ({ key, value }))) ?? [];
  return Object.fromEntries(pairs.map((p) => [p.key ?? '', p.value ?? '']));
}

function run(runId: string, mlflowId: string, params: Record<string, string>, lineageParams: Record<string, string> = {}): UnifiedRun {
  const facets = { mlflow: { runId: mlflowId, experimentId: '1' }, executionParameters: { parameters: Object.entries(lineageParams).map(([key, value]) => ({ key, value: key === 'db_password' ? '[redacted]' : value })) } };
  const [joined] = joinRuns([lineageRun(runId, { facets })], [experimentRun(mlflowId, { params: parsedParams(params) })]);
  return joined!;
}

// Two runs whose database password changed between them: the secret cannot be read back, only its name.
const a = run('3cf12f24-9cf6-4f7b-9dfd-8862d3297952', 'aaaa1111', { db_password: 'hunter2', lr: '0.1' });
const b = run('4cf12f24-9cf6-4f7b-9dfd-8862d3297953', 'bbbb2222', { db_password: 'correct-horse', lr: '0.1' });
const ctx: CompareContext = { findRun: () => null, jobFacets: () => null, firstRead: () => null };

describe('secret params in a comparison', () => {
  it('are marked secret, not the same, although both sides read [redacted]', () => {
    const rows = diffParams([a, b]);
    expect(rows.find((r) => r.key === 'db_password')).toMatchObject({ values: ['[redacted]', '[redacted]'], status: 'secret' });
    expect(rows.find((r) => r.key === 'lr')?.status).toBe('same');
    // a secret one run lacks is still only in some runs
    const c = run('5cf12f24-9cf6-4f7b-9dfd-8862d3297954', 'cccc3333', { lr: '0.1' });
    expect(diffParams([a, c]).find((r) => r.key === 'db_password')?.status).toBe('only-in');
  });

  it('are secret in the API, counted apart from differing params, and never explained as a change', () => {
    const comparison = compareRuns([a, b], ctx);
    const api = toApiComparison({ comparison, found: [a, b], missing: [], notes: [] });
    expect(apiComparisonSchema.safeParse(api).success).toBe(true);
    expect(api.params.find((p) => p.key === 'db_password')?.status).toBe('secret');
    expect(api.windows).toMatchObject({ paramsDiffering: 0, paramsSecret: 1, paramsAll: 2 });
    const said = [...api.pairs[0]!.causes, api.pairs[0]!.headline ?? ''].join('\n');
    expect(said).toContain('secret, not compared');
    expect(said).not.toMatch(/db_password \[redacted\] instead of/);
  });

  it('show "secret, not compared" on the compare page, never "same"', () => {
    const comparison = compareRuns([a, b], ctx);
    const columns = [a, b].map((r, i) => ({ id: r.id, label: `Run ${i}`, status: 'completed' }));
    const html = renderToStaticMarkup(createElement(ParamDiffTable, {
      runs: columns as never, params: comparison.params.filter((p) => p.status !== 'same'), all: false, toggleHref: '/compare?all=1',
      counts: { total: 2, differing: 0, secret: 1 },
    }));
    expect(html).toContain('data-key="db_password" data-status="secret"');
    expect(html).toContain('secret, not compared');
    expect(html).toContain('0 of 2 params differ; 1 the same in every run are hidden. 1 is secret and not compared (shown).');
    expect(html).not.toContain('Every param is the same in every run.');
  });
});

describe('secret params in the audit report', () => {
  let index: RunIndex;
  withDemoIndex((demo) => ({ index } = demo));
  const healthy: AuditSource[] = [{ id: 'mlflow-sqlite', label: 'MLflow (SQLite)', kind: 'experiment', location: 'demo/mlflow.db', status: 'ok', error: null }];

  it('says the OpenLineage and MLflow values are secret and not compared, in the JSON and the Markdown, and the hash still verifies', async () => {
    const both = run('6cf12f24-9cf6-4f7b-9dfd-8862d3297955', 'dddd4444', { db_password: 'hunter2', lr: '0.1' }, { db_password: 'other', lr: '0.2' });
    const deps: AuditDeps = { lineageSources: [], sourceStates: async () => healthy, now: () => new Date('2026-11-26T10:00:00Z') };
    const found = await auditReportIn(viewWithRun(index, both), both.id, deps);
    if (!('report' in found)) throw new Error(JSON.stringify(found));
    const report: AuditReport = found.report;
    expect(report.params).toEqual([
      { key: 'db_password', lineage: '[redacted]', experiment: '[redacted]', disagrees: false, secret: true },
      { key: 'lr', lineage: '0.2', experiment: '0.1', disagrees: true, secret: false },
    ]);
    const markdown = auditReportMarkdown(report);
    expect(markdown).toMatch(/\| db\\?_password \| \\?\[redacted\\?\] \| \\?\[redacted\\?\] \| secret, not compared \|/);
    expect(verifyReport(report)).toBe(true);
    expect(HASH_COVERS).toContain('[redacted]');
  });
});
