// A raw event over GZIP_BODY_ABOVE_CHARS is stored gzipped (its INSERT held the event loop 107 ms as 13.6 MB of text)
// and read back as it came; short events stay text. Both dialects, through the functions the syncers use.
import { describe, expect, it } from 'vitest';
import { decodeEventBody, encodeEventBody, GZIP_BODY_ABOVE_CHARS } from '@/lib/index/event-body-codec';
import { insertReceivedEvents, runEventRows } from '@/lib/index/received-events';
import { withFreshIndexes } from './fresh-index';

const freshIndex = withFreshIndexes();

/** A RunEvent whose inputs make it `inputs` × ~90 characters long, with non-ASCII names across the slice edges. */
function longEvent(runId: string, inputs: number): string {
  return JSON.stringify({
    eventType: 'COMPLETE', eventTime: '2026-12-08T00:00:00Z', run: { runId }, job: { namespace: 'ns', name: 'job' },
    inputs: Array.from({ length: inputs }, (_, i) => ({ namespace: 'warehouse', name: `données_😀_${i}`, facets: {} })),
  });
}

describe('the stored form of a raw event', () => {
  it('keeps a short body as text and gzips a long one, every character kept (surrogate pairs across slices too)', async () => {
    expect(await encodeEventBody('{"a":1}')).toEqual({ body: '{"a":1}', body_gzip: null });
    const long = longEvent('r', 40_000);
    expect(long.length).toBeGreaterThan(1_000_000 * 2); // more than two encode slices
    const stored = await encodeEventBody(long);
    expect(stored.body).toBe('');
    expect(stored.body_gzip!.length).toBeLessThan(long.length / 10);
    expect(await decodeEventBody(stored.body, stored.body_gzip)).toBe(long);
    // An emoji whose two halves straddle the first slice's end (it is 1,000,000 characters).
    const straddling = `${'a'.repeat(999_999)}😀${'b'.repeat(10)}`;
    const again = await encodeEventBody(straddling);
    expect(await decodeEventBody(again.body, again.body_gzip)).toBe(straddling);
  });
});

describe.each(['sqlite', 'postgres'] as const)('raw events on %s', (dialect) => {
  it('are read back as they came, a long one from its gzipped column, and a parsed one not at all', async () => {
    const index = await freshIndex(dialect);
    const short = longEvent('run-1', 3);
    const long = longEvent('run-1', 5_000);
    expect(long.length).toBeGreaterThan(GZIP_BODY_ABOVE_CHARS);
    await insertReceivedEvents(index.db, [{ runId: 'run-1', body: short, digest: 'd-short' }, { runId: 'run-1', body: long, digest: 'd-long' }], 1_000, 'files');
    const raw = await index.db.selectFrom('received_events').select(['digest', 'body', 'body_gzip']).orderBy('seq').execute();
    expect(raw.map((r) => [r.digest, r.body.length, r.body_gzip === null])).toEqual([['d-short', short.length, true], ['d-long', 0, false]]);

    const all = await runEventRows(index.db, 'run-1', 'files');
    expect(all).toEqual({ rows: [{ digest: 'd-short', body: short }, { digest: 'd-long', body: long }], total: 2 });
    const parsedAlready = await runEventRows(index.db, 'run-1', 'files', new Set(['d-long']));
    expect(parsedAlready.rows).toEqual([{ digest: 'd-short', body: short }, { digest: 'd-long', body: null }]);
  });
});
