import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiModelSchema } from '@/lib/api/contract';
import { LOOKUPS_IN_FLIGHT } from '@/lib/catalog/lookup-limit';
import { modelPageModel } from '@/lib/catalog/model-page-model';
import { registeredModels } from '@/lib/catalog/model-versions';
import { resolveRun } from '@/lib/catalog/run-lookup';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { ExperimentSource } from '@/lib/sources/ports';
import { withDemoIndex } from './catalog-index';

// A model version trained by a run the snapshot does not hold yet (registered after the last refresh), viewed while
// unknown ids flood the direct look-ups: the page must say "try again" (and the API 429), not fail with a 500.
const holder = globalThis as { __runlensSources?: unknown };
let index: RunIndex;
withDemoIndex((demo) => ({ index } = demo));

let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => (release = resolve));
const slowLookups: ExperimentSource = {
  id: 'mlflow-model-page-flood',
  snapshot: () => Promise.reject(new Error('not used')),
  metricHistory: () => Promise.resolve([]),
  health: () => Promise.reject(new Error('not used')),
  run: () => held.then(() => null),
};

beforeAll(() => {
  holder.__runlensSources = { lineage: [], experiment: [slowLookups], unusable: [], envProblems: [] };
});
afterAll(() => {
  release();
  delete holder.__runlensSources;
});

const UNKNOWN_TRAINING_RUN = 'feedfacefeedfacefeedfacefeedface';

function withOrphanModel(base: RunIndex): RunIndex {
  const model = registeredModels(base).find((m) => m.name === 'groot-tokenizer')!;
  const orphan = { ...model, name: 'orphan', versions: [{ ...model.versions[0]!, version: '1', aliases: [], runId: UNKNOWN_TRAINING_RUN, loggedModel: null }] };
  return { ...base, experiment: base.experiment.map((s, i) => (i === 0 ? { ...s, models: [orphan] } : s)) };
}

describe('the model page while unknown-id look-ups are shed', () => {
  it('gives the version trace a "try again" instead of throwing, and never says the run is not loaded', async () => {
    // Unknown ids take every look-up slot of the source and hold it.
    const flood = Array.from({ length: LOOKUPS_IN_FLIGHT }, (_, i) => resolveRun(index, `0123456789abcdef0123456789ab${String(i).padStart(4, '0')}`));
    const lookup = await modelPageModel(withOrphanModel(index), 'orphan', null);
    if (!lookup.found) throw new Error('orphan not found');
    const trace = lookup.model.trace!;
    expect(trace.lookupShed).toEqual({ message: expect.stringMatching(/mlflow-model-page-flood: too many look-ups of unknown run ids; not asked \(try again in \d+ s\)/), retryAfterSeconds: 1 });
    expect(trace.run).toBeNull();
    expect(trace.runNote).toContain(`Run ${UNKNOWN_TRAINING_RUN} was not looked up yet`);
    expect(trace.runNote).not.toContain('not among the loaded runs');
    expect(apiModelSchema.safeParse({ ...lookup.model, unavailableSources: [] }).success).toBe(true);
    release();
    await Promise.all(flood);
    // Once the flood is over the same version is asked of the source, which does not know it.
    const after = await modelPageModel(withOrphanModel(index), 'orphan', null);
    expect(after.found && after.model.trace?.lookupShed).toBeNull();
    expect(after.found && after.model.trace?.runNote).toContain('not among the loaded runs');
  });
});
