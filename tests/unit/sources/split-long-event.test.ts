import { describe, expect, it } from 'vitest';
import { refKey } from '@/lib/model';
import { buildModel } from '@/lib/openlineage/build-model';
import { parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { batchEntities } from '@/lib/sources/batch-entities';
import { INPUTS_PER_PART } from '@/lib/sources/split-long-event';
import { turnsDuring } from '../turns-during';

const event = (runId: string, minute: number, inputs: string[], outputs: string[]): LoadedEvent => parseEventLine(JSON.stringify({
  eventType: 'COMPLETE', eventTime: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(), producer: 'p', schemaURL: 's',
  run: { runId }, job: { namespace: 'ns', name: `job-${runId}` },
  inputs: inputs.map((name) => ({ namespace: 'wide', name, facets: { version: { _producer: 'x', _schemaURL: 'x', datasetVersion: `v-${name}` } } })),
  outputs: outputs.map((name) => ({ namespace: 'wide', name })),
})) as LoadedEvent;

describe('the jobs and datasets of a run reading thousands of datasets', () => {
  it('are built a part at a time: every dataset, the job with all its inputs, the producer of a version read', async () => {
    const names = Array.from({ length: INPUTS_PER_PART * 3 + 17 }, (_, i) => `in-${i}`);
    const events = [event('writer', 0, [], ['in-4500']), event('wide', 10, names, ['out'])];
    const { result: built, turns } = await turnsDuring(() => batchEntities(events, 'openlineage-files'));
    const whole = buildModel(events, 'openlineage-files');

    expect(new Set(built.datasets.map(refKey))).toEqual(new Set(whole.datasets.keys()));
    const wideJob = built.jobs.find((j) => j.name === 'job-wide')!;
    expect(wideJob).toEqual(whole.jobs.get(refKey(wideJob)));
    expect(wideJob.inputs).toHaveLength(names.length);
    // The version the writer made was read by the wide run (an input past the first part), as the whole build says.
    const written = built.datasets.find((d) => d.name === 'in-4500' && d.versions.length > 0)!;
    expect(written.versions[0]!.consumedByRunIds).toEqual(['wide']);
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
