import { describe, expect, it } from 'vitest';
import { redactEventBody, redactEventBodyInSlices } from '@/lib/index/redact-stored';
import { turnsDuring } from '../turns-during';

const SECRET = 'hunter2-sentinel-9f3a';

/** A 13 MB-class event body: `inputs` datasets, `patch` applied to the list first. */
function longBody(inputs: number, patch: (list: Record<string, unknown>[]) => void = () => {}): string {
  const list: Record<string, unknown>[] = Array.from({ length: inputs }, (_, i) => ({
    namespace: 'wide', name: `input_${i}`, facets: { version: { _producer: 'x', _schemaURL: 'x', datasetVersion: `v-${i}` } },
  }));
  patch(list);
  return JSON.stringify({ eventType: 'COMPLETE', run: { runId: 'r' }, job: { namespace: 'ns', name: 'j' }, inputs: list, outputs: [] });
}

describe('a long event body stored', () => {
  it('is scanned a slice at a time and kept as it came when nothing in it may be a secret', async () => {
    const body = longBody(40_000);
    expect(body.length).toBeGreaterThan(3_000_000);
    const { result, turns } = await turnsDuring(() => redactEventBodyInSlices(body));
    expect(result).toBe(body);
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('is redacted as redactEventBody redacts it, a secret far into it included', async () => {
    const body = longBody(40_000, (list) => {
      list[39_000]!.facets = { dataSource: { name: 'warehouse', uri: `postgres://etl:${SECRET}@db.internal:5432/dw` } };
    });
    const { result, turns } = await turnsDuring(() => redactEventBodyInSlices(body));
    expect(result).not.toContain(SECRET);
    expect(result).toBe(redactEventBody(body));
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('finds a word that lies across the edge of two slices', async () => {
    // "password" split "pa" / "ssword" by the end of the first slice (1,000,000 characters): neither half is a word looked for.
    const head = '{"eventType":"COMPLETE","run":{"runId":"r","facets":{"x":{"pad":"';
    const key = 'password';
    const pad = 'a'.repeat(1_000_000 - 2 - 3 - head.length);
    const body = `${head}${pad}","${key}":"${SECRET}"}}},"job":{"namespace":"ns","name":"j"},"filler":"${'b'.repeat(1_200_000)}"}`;
    expect(body.indexOf(key)).toBeLessThan(1_000_000);
    expect(body.indexOf(key) + key.length).toBeGreaterThan(1_000_000);
    expect(await redactEventBodyInSlices(body)).toBe(redactEventBody(body));
    expect(await redactEventBodyInSlices(body)).not.toContain(SECRET);
  });
});
