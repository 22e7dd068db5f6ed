import { describe, expect, it } from 'vitest';
import type { LineageRun, RunDataset } from '@/lib/model';
import {
  decodeLineageRun, decodeLineageRunOffThread, digestInSlices, digestOf, encodeLineageRun, lineagePayload, OFF_THREAD_PAYLOAD_CHARS, STORED_INPUTS,
} from '@/lib/index/payload';
import { turnsDuring } from '../turns-during';

const input = (i: number): RunDataset => ({
  namespace: 'wide', name: `input_${i} "quoted" é😀`, version: `v-${i}`, facets: { inputs: [], note: { text: '"inputs":[]' } }, ioFacets: {},
  rowCount: i, size: null, producedByRunId: i % 7 === 0 ? 'producer' : null,
});

const wideRun = (inputs: number): LineageRun => ({
  source: 'openlineage-files', runId: 'r1', job: { namespace: 'ns', name: 'job' }, state: 'COMPLETED', startedAt: '2026-01-01T00:00:00Z',
  endedAt: '2026-01-01T00:01:00Z', updatedAt: '2026-01-01T00:01:00Z', parent: null,
  facets: { inputs: { count: 1 } }, inputs: Array.from({ length: inputs }, (_, i) => input(i)), outputs: [{ ...input(-1), name: 'out' }], errorMessage: null,
});


describe('a 100,000-input run stored with the event loop free', () => {
  it('is stored with its first inputs and how many it read; a run reading fewer is stored as it is', async () => {
    const run = wideRun(100_000);
    const { result, turns } = await turnsDuring(() => lineagePayload(run));
    const stored = decodeLineageRun(result.payload);
    expect(stored.inputs).toEqual(run.inputs.slice(0, STORED_INPUTS));
    expect(stored.inputsTotal).toBe(100_000);
    expect(stored.outputs).toEqual(run.outputs);
    expect(result.payload.length).toBeLessThan(500_000);
    expect(turns).toBeGreaterThanOrEqual(4); // the inputs left out are hashed a slice at a time
    const small = wideRun(STORED_INPUTS);
    expect((await lineagePayload(small)).payload).toBe(encodeLineageRun(small));
    expect((await lineagePayload(small)).digest).toBe(digestOf(encodeLineageRun(small)));
  });

  it('has a digest that changes with an input left out of the payload', async () => {
    const run = wideRun(10_000);
    const changed = { ...run, inputs: run.inputs.map((d, i) => (i === 9_000 ? { ...d, version: 'v-new' } : d)) };
    const [before, after] = [await lineagePayload(run), await lineagePayload(changed)];
    expect(after.payload).toBe(before.payload);
    expect(after.digest).not.toBe(before.digest);
  });

  it('is hashed a slice at a time to the same digest, a character pair across a slice edge included', async () => {
    const payload = `${'a'.repeat(999_999)}😀${'b'.repeat(1_500_000)}`;
    const { result, turns } = await turnsDuring(() => digestInSlices(payload));
    expect(result).toBe(digestOf(payload));
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it('is decoded on the worker thread into the same run', async () => {
    const payload = encodeLineageRun(wideRun(10_000));
    expect(payload.length).toBeGreaterThan(OFF_THREAD_PAYLOAD_CHARS);
    const { result, turns } = await turnsDuring(() => decodeLineageRunOffThread(payload));
    expect(result).toEqual(decodeLineageRun(payload));
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});
