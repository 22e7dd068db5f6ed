import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunIndex } from '@/lib/catalog/run-index';
import { resolveRun } from '@/lib/catalog/run-lookup';
import { LOOKUPS_PER_SECOND, LookupThrottled } from '@/lib/catalog/lookup-limit';
import { answeringThrottled } from '@/lib/api/throttled-answer';
import type { ExperimentSource } from '@/lib/sources/ports';
import { grootIndex } from './catalog-index';

// A notification links to a run that started after the last refresh while unknown ids flood the look-ups:
// a look-up shed by the rate limit says nothing about the id, so the answer is "try again", never "not found".
const holder = globalThis as { __runlensSources?: unknown };
let index: RunIndex;
let asked = 0;

const knowsNothing: ExperimentSource = {
  id: 'mlflow-throttled-lookups',
  snapshot: () => Promise.reject(new Error('not used')),
  metricHistory: () => Promise.resolve([]),
  health: () => Promise.reject(new Error('not used')),
  run: () => (asked++, Promise.resolve(null)),
};

beforeAll(async () => {
  index = await grootIndex();
  holder.__runlensSources = { lineage: [], experiment: [knowsNothing], unusable: [], envProblems: [] };
});
afterAll(() => {
  delete holder.__runlensSources;
});

describe('a direct look-up shed by the rate limit', () => {
  it('is a LookupThrottled, not a null (404): only ids the source was asked about are not found', async () => {
    const ids = Array.from({ length: LOOKUPS_PER_SECOND + 10 }, (_, i) => `0123456789abcdef0123456789ab${String(i).padStart(4, '0')}`);
    const answers = await Promise.allSettled(ids.map((id) => resolveRun(index, id)));
    const notFound = answers.filter((a) => a.status === 'fulfilled' && a.value === null);
    const shed = answers.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(notFound.length).toBe(asked);
    expect(asked).toBeLessThanOrEqual(LOOKUPS_PER_SECOND);
    expect(shed.length).toBe(ids.length - asked);
    expect(shed[0]!.reason).toBeInstanceOf(LookupThrottled);
  });

  it('is answered 429 with Retry-After by the API routes', async () => {
    const response = await answeringThrottled(() => Promise.reject(new LookupThrottled('mlflow', 400)));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((await response.json()).error).toMatch(/mlflow: too many look-ups .*try again/);
  });

  it('leaves other failures to the route (they are not a 429)', async () => {
    await expect(answeringThrottled(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await answeringThrottled(() => Promise.resolve(new Response('ok')))).status).toBe(200);
  });
});
