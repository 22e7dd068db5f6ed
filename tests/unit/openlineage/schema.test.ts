import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWireEvent } from '@/lib/openlineage/schema';
import { readJson, sharedPath } from '../sources/openlineage-files/shared-data';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name));
}

// Contract: every recorded event parses with the wire schema, as the kind its shape says.
describe('wire schema against recorded events', () => {
  const files = [...jsonFiles(sharedPath('openlineage', 'marquez-tests')), ...jsonFiles(sharedPath('groot-a', 'openlineage', 'events'))];
  it.each(files.map((f) => [path.relative(sharedPath(), f), f]))('%s parses', (_name, file) => {
    const parsed = parseWireEvent(readJson(file));
    expect(parsed.ok ? parsed.value.kind : parsed.message).toBe(file.includes('dataset_event') ? 'dataset' : file.includes('job_event') ? 'job' : 'run');
  });

  it('parses every element of the Marquez seed and every line of the groot JSON Lines files', () => {
    const seed = readJson(sharedPath('openlineage', 'marquez-seed', 'food-delivery-events.json'));
    expect(Array.isArray(seed)).toBe(true);
    const lines = ['openlineage/events.ndjson', 'openlineage-file-mode/events.ndjson']
      .flatMap((f) => readFileSync(sharedPath('groot-a', f), 'utf8').split('\n').filter((l) => l.trim() !== ''))
      .map((l): unknown => JSON.parse(l));
    for (const value of [...(Array.isArray(seed) ? seed : []), ...lines]) expect(parseWireEvent(value)).toMatchObject({ ok: true });
  });
});

describe('wire schema', () => {
  const base = { eventTime: '2026-01-01T00:00:00Z', run: { runId: 'r' }, job: { namespace: 'n', name: 'j' } };

  it('keeps unknown fields and custom facets untouched', () => {
    const facets = { myCompany_quality: { _producer: 'p', score: 0.9, nested: { deep: [1, 2] } } };
    const parsed = parseWireEvent({ ...base, run: { runId: 'r', facets, extra: 1 }, futureField: { a: 1 } });
    expect(parsed.ok && parsed.value.kind === 'run' && parsed.value.event).toMatchObject({ futureField: { a: 1 }, run: { extra: 1 } });
    // Facet maps are passed through by reference, not copied.
    expect(parsed.ok && parsed.value.kind === 'run' && parsed.value.event.run.facets).toBe(facets);
  });

  it('accepts null for optional fields', () => {
    expect(parseWireEvent({ ...base, eventType: null, inputs: null, outputs: null, run: { runId: 'r', facets: null } })).toMatchObject({ ok: true });
  });

  it('names the field and what was wrong', () => {
    expect(parseWireEvent({ ...base, inputs: [{ namespace: 'n' }] })).toEqual({ ok: false, message: 'inputs[0].name: expected string, received undefined' });
    expect(parseWireEvent({ ...base, job: { namespace: 'n', name: 'j', facets: [] } })).toEqual({ ok: false, message: 'job.facets: expected an object of facets' });
    expect(parseWireEvent({ ...base, run: { runId: '' } })).toMatchObject({ ok: false, message: expect.stringMatching(/^run\.runId: /) });
    expect(parseWireEvent('event')).toEqual({ ok: false, message: 'not an OpenLineage event: expected a JSON object, got string' });
  });
});
