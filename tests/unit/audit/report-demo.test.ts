import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { auditReportIn, type AuditDeps } from '@/lib/catalog/audit-report';
import { findRun, type RunIndex } from '@/lib/catalog/run-index';
import type { UnifiedRun } from '@/lib/model';
import { canonicalJson } from '@/lib/audit/canonical-json';
import { auditReportMarkdown } from '@/lib/audit/report-markdown';
import { auditReportSchema, type AuditReport, type AuditSource } from '@/lib/audit/report-schema';
import { contentHash, verifyReport } from '@/lib/audit/report-hash';
import type { DemoManifest, ManifestRun } from '../../../scripts/demo-data/manifest.mjs';
import { viewWithRun, withDemoIndex } from '../catalog/catalog-index';

const healthy: AuditSource[] = [
  { id: 'openlineage-files', label: 'OpenLineage events', kind: 'lineage', location: 'demo/openlineage', status: 'ok', error: null },
  { id: 'mlflow-sqlite', label: 'MLflow (SQLite)', kind: 'experiment', location: 'demo/mlflow.db', status: 'ok', error: null },
];

let index: RunIndex;
let manifest: DemoManifest;
withDemoIndex((demo) => ({ index, manifest } = demo));

const viewWith = (run: UnifiedRun): RunIndex => viewWithRun(index, run);

async function report(id: string, at = '2026-11-26T10:00:00Z', sources: AuditSource[] = healthy, idx: RunIndex = index): Promise<AuditReport> {
  const deps: AuditDeps = { lineageSources: [], sourceStates: async () => sources, now: () => new Date(at) };
  const found = await auditReportIn(idx, id, deps);
  if (!('report' in found)) throw new Error(JSON.stringify(found));
  return found.report;
}

const demo = (label: string): ManifestRun => manifest.runs.find((r) => r.label === label)!;
const check = (r: AuditReport, id: string) => r.completeness.find((c) => c.id === id)!;

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

describe('audit report of the model version groot-tokenizer v2 (demo)', () => {
  it('validates against the exported schema and names the producing run in both systems', async () => {
    const r = auditReportSchema.parse(await report('model:groot-tokenizer/2'));
    const producer = manifest.models[0]!.versions.find((v) => v.version === '2')!;
    const tokenization = demo(producer.label!);
    expect(r.subject).toMatchObject({ kind: 'model-version', name: 'groot-tokenizer', version: '2', runId: producer.runId, aliases: ['latest-etl'] });
    expect(r.identity.lineage?.runId).toBe(tokenization.openlineage!.runId);
    expect(r.identity.experiment?.runId).toBe(tokenization.mlflow!.runId);
    expect(r.identity.link?.rule).toBe(tokenization.rule);
    expect(r.modelVersions).toEqual([expect.objectContaining({ name: 'groot-tokenizer', version: '2' })]);
  });

  it('lists the input version read and, recursively, every version upstream down to the raw snapshot', async () => {
    const r = await report('model:groot-tokenizer/2');
    const e2 = manifest.executions.find((e) => e.id === 'e2')!;
    const tokenization = e2.stages.find((s) => s.stage === 'tokenization')!;
    expect(r.inputs.map((d) => [d.name, d.version, d.digest])).toEqual([[tokenization.input!.name, tokenization.input!.version, tokenization.input!.version]]);
    expect(r.inputs[0]!.producer?.runId).toBe(demo('e2.filtering').openlineage!.runId);
    // depth 1 = filtering … depth 3 = data-loading, which read the raw snapshot no run produced.
    const upstream = e2.stages.filter((s) => s.stage !== 'tokenization').reverse();
    expect(r.upstream.runs.map((u) => [u.depth, u.job.name, u.inputs.map((d) => d.version)])).toEqual(
      upstream.map((s, i) => [i + 1, `groot-data-etl.${s.stage}`, [s.input!.version]]));
    expect(r.upstream.runs.at(-1)!.inputs[0]).toMatchObject({ version: e2.rawVersion, producedByRunId: null });
    expect(r.upstream.runs.map((u) => u.linkRule)).toEqual(upstream.map((s) => demo(s.label).rule));
    expect(r.completeness.every((c) => c.ok)).toBe(true);
  });

  it('renders Markdown with the dataset versions, the checklist and the hash', async () => {
    const r = await report('model:groot-tokenizer/2');
    const md = auditReportMarkdown(r);
    const e2 = manifest.executions.find((e) => e.id === 'e2')!;
    for (const stage of e2.stages) expect(md).toContain(stage.input!.version);
    expect(md).toContain(`| s3://bucket/groot/staging/filtered | ${e2.stages[3]!.input!.version} |`);
    expect(md).toContain(r.hash.value);
    expect(md).toContain('- [x] **Code version (Git commit) recorded**');
    expect(md.split('\n').filter((l) => l.startsWith('| ')).every((l) => l.trimEnd().endsWith('|'))).toBe(true);
  });
});

/** Every string in the value (keys kept) replaced by `hostile(original)`. */
function poisoned(value: unknown, hostile: (s: string) => string): unknown {
  if (typeof value === 'string') return hostile(value);
  if (Array.isArray(value)) return value.map((v) => poisoned(v, hostile));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poisoned(v, hostile)]));
}

describe('the Markdown report with hostile values', () => {
  it('renders every value as text: no forged heading, checklist line, table row, link or HTML element', async () => {
    const clean = await report('model:groot-tokenizer/2');
    const payload = '<img src=x onerror=alert(1)>\n# Forged heading\n- [x] **Forged check**\r\n| forged | row |\n[link](javascript:alert(1)) `tick` ``';
    const r = poisoned(clean, (s) => `${s}${payload}`) as AuditReport;
    r.environment = { 'facet`name': { note: payload } };
    const md = auditReportMarkdown(r);
    // A permissive renderer (raw HTML on, as on many wikis and ticket systems).
    const html = new MarkdownIt({ html: true, linkify: false }).render(md);
    expect(html).not.toMatch(/<img|<a\s/i);
    expect(html).toContain('&lt;img src=x onerror');
    expect(html).not.toMatch(/<h1>Forged|<li>.*Forged check<\/li>\s*<li>/);
    expect(md.split('\n').filter((l) => /^\s*(#+ |- \[|\| forged)/.test(l) && /^\s*\S+ \S*\s*Forged|^\| forged/.test(l))).toEqual([]);
    expect(md.split('\n').filter((l) => l.startsWith('- [')).length).toBe(r.completeness.length);
    // Each table keeps its columns: no row gains a cell from a value's pipe.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length).toBeGreaterThan(2);
    expect(html).toContain('Forged heading');
    // The clean report renders as before.
    expect(auditReportMarkdown(clean)).toContain('- [x] **Code version (Git commit) recorded**');
  });

  it('says what the hash covers for the Markdown', async () => {
    const md = auditReportMarkdown(await report('model:groot-tokenizer/2'));
    expect(md).toMatch(/not itself hashed.*Verify the JSON report/);
  });
});

describe('the audit report of a run with 100,000 inputs', () => {
  it('is generated in seconds (producers are looked up by dataset, not searched per input)', async () => {
    const target = [...index.loaded.values()].find((r) => r.lineage?.job.name === 'groot-data-etl.deduplication' && r.experiment !== null)!;
    const inputs = Array.from({ length: 100_000 }, (_, i) => ({ ...target.lineage!.inputs[0]!, name: `huge/input-${i}`, producedByRunId: null }));
    const huge = { ...target, lineage: { ...target.lineage!, inputs } };
    const hugeIndex = viewWith(huge);
    const started = performance.now();
    const r = await report(huge.id, '2026-11-26T10:00:00Z', healthy, hugeIndex);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.inputs.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('the report hash', () => {
  it('is the same when regenerated later and whichever id of the run is asked for', async () => {
    const label = demo('e2.deduplication');
    const first = await report(label.openlineage!.runId, '2026-11-26T10:00:00Z');
    const later = await report(label.mlflow!.runId, '2026-12-01T08:30:00Z');
    expect(later.generatedAt).not.toBe(first.generatedAt);
    expect(later.hash.value).toBe(first.hash.value);
    expect(verifyReport(first)).toBe(true);
  });

  it('does not depend on key order (canonical form) and changes when the content changes', async () => {
    const r = await report('model:groot-tokenizer/2');
    const shuffled = reversedKeys(r) as AuditReport;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(r));
    expect(contentHash(shuffled)).toBe(r.hash.value);
    expect(canonicalJson(shuffled)).toBe(canonicalJson(r));
    const tampered: AuditReport = { ...r, inputs: r.inputs.map((d) => ({ ...d, version: 'ffffffff' })) };
    expect(contentHash(tampered)).not.toBe(r.hash.value);
    expect(verifyReport(tampered)).toBe(false);
    expect(contentHash({ ...r, sources: [{ ...healthy[0]!, status: 'unavailable', error: 'down' }] })).not.toBe(r.hash.value);
  });
});

describe('completeness checklist', () => {
  it('flags the failed e3 filtering: finished but not successful, no output', async () => {
    const r = await report(demo('e3.filtering').openlineage!.runId);
    expect([check(r, 'finished').ok, check(r, 'succeeded').ok, check(r, 'outputs').ok]).toEqual([true, false, false]);
    expect(check(r, 'succeeded').detail).toContain(demo('e3.filtering').openlineage!.errorMessage!);
    expect(r.timing.failure).toBe(demo('e3.filtering').openlineage!.errorMessage);
    expect(check(r, 'linked').ok).toBe(true);
  });

  it('flags the notebook run as not linked, with no upstream lineage', async () => {
    const r = await report(demo('notebook').mlflow!.runId);
    expect(check(r, 'linked')).toMatchObject({ ok: false });
    expect(check(r, 'linked').detail).toContain('only an MLflow run');
    expect(r.identity.lineage).toBeNull();
    expect(r.origin.user).toBe('alice');
  });

  it('flags a run still running', async () => {
    const tokenization = findRun(index, demo('e2.tokenization').openlineage!.runId)!;
    const running = { ...tokenization, lineage: { ...tokenization.lineage!, state: 'RUNNING' as const, endedAt: null } };
    const r = await report(tokenization.id, undefined, undefined, viewWith(running));
    expect(check(r, 'finished')).toMatchObject({ ok: false, detail: expect.stringContaining('still RUNNING') });
  });

  it('flags an upstream stage that is not linked to its experiment run', async () => {
    const filtering = findRun(index, demo('e2.filtering').openlineage!.runId)!;
    const unlinked = { ...filtering, experiment: null, link: null };
    const r = await report('model:groot-tokenizer/2', undefined, undefined, viewWith(unlinked));
    expect(check(r, 'upstream-linked')).toMatchObject({ ok: false, detail: expect.stringContaining(`groot-data-etl.filtering (${filtering.id})`) });
    expect(check(r, 'linked').ok).toBe(true);
  });

  it('flags a run without a code version and an input without a version', async () => {
    const tokenization = findRun(index, demo('e2.tokenization').openlineage!.runId)!;
    const bare = {
      ...tokenization,
      experiment: { ...tokenization.experiment!, tags: {}, datasets: [] },
      lineage: { ...tokenization.lineage!, inputs: tokenization.lineage!.inputs.map((d) => ({ ...d, version: null })) },
    };
    const r = await report(tokenization.id, undefined, undefined, viewWith(bare));
    expect(check(r, 'code-version').ok).toBe(false);
    expect(check(r, 'input-versions')).toMatchObject({ ok: false, detail: expect.stringContaining('s3://bucket/groot/staging/filtered') });
  });

  it('flags a source that was unreachable while generating', async () => {
    const r = await report('model:groot-tokenizer/1', undefined, [healthy[0]!, { ...healthy[1]!, status: 'unavailable', error: 'mlflow.db: file is not a database' }]);
    expect(check(r, 'sources-reachable')).toMatchObject({ ok: false, detail: expect.stringContaining('mlflow-sqlite unavailable: mlflow.db: file is not a database') });
  });
});

describe('what is not there', () => {
  it('answers not found naming what was searched, and a malformed model id as a bad request', async () => {
    const deps: AuditDeps = { lineageSources: [], sourceStates: async () => healthy, now: () => new Date() };
    expect(await auditReportIn(index, 'no-such-run', deps)).toEqual({ notFound: expect.stringContaining('No run with id "no-such-run"') });
    expect(await auditReportIn(index, 'model:groot-tokenizer/9', deps)).toEqual({ notFound: expect.stringContaining('No model version "groot-tokenizer" version 9') });
    expect(await auditReportIn(index, 'model:groot-tokenizer', deps)).toEqual({ badRequest: expect.stringContaining('model:<name>/<version>') });
  });
});
