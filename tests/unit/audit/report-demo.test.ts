import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportIn, type AuditDeps } from '@/lib/catalog/audit-report';
import type { RunIndex } from '@/lib/catalog/run-index';
import { auditReportMarkdown } from '@/lib/audit/report-markdown';
import { auditReportSchema, type AuditReport, type AuditSource } from '@/lib/audit/report-schema';
import { verifyReport } from '@/lib/audit/report-hash';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { demoIndex } from '../catalog/catalog-index';

const healthy: AuditSource[] = [
  { id: 'openlineage-files', label: 'OpenLineage events', kind: 'lineage', location: 'demo/openlineage', status: 'ok', error: null },
  { id: 'mlflow-sqlite', label: 'MLflow (SQLite)', kind: 'experiment', location: 'demo/mlflow.db', status: 'ok', error: null },
];
const deps = (at: string, sources: AuditSource[] = healthy): AuditDeps => ({ lineageSources: [], sourceStates: async () => sources, now: () => new Date(at) });

let index: RunIndex;
let manifest: DemoManifest;
let cleanup: () => void;
beforeAll(async () => {
  ({ index, manifest, cleanup } = await demoIndex());
});
afterAll(() => cleanup());

async function report(id: string, at = '2026-11-26T10:00:00Z', sources?: AuditSource[]): Promise<AuditReport> {
  const found = await auditReportIn(index, id, deps(at, sources));
  if (!('report' in found)) throw new Error(JSON.stringify(found));
  return found.report;
}

const run = (label: string) => manifest.runs.find((r) => r.label === label)!;

describe('audit report of the demo model version groot-tokenizer v2', () => {
  it('dumps', async () => {
    const r = await report('model:groot-tokenizer/2');
    console.log(JSON.stringify(r, null, 1).slice(0, 6000));
    console.log(auditReportMarkdown(r));
    expect(auditReportSchema.parse(r)).toBeTruthy();
    expect(verifyReport(r)).toBe(true);
    void run;
  });
});
