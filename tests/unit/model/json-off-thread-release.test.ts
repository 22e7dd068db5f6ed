import { describe, expect, it } from 'vitest';
import { offThreadCounts, parseJsonOffThread, RELEASE_AFTER_CHARS, SLICE_ITEMS } from '@/lib/model/json-off-thread';

/** A JSON array of objects, at least `chars` long. */
const textOf = (chars: number) => JSON.stringify(Array.from({ length: Math.ceil(chars / 30) }, (_, i) => ({ name: `item_${i}`, n: i })));

describe('the JSON parse worker', () => {
  it('is kept between short texts and ended after a long one, so the heap it grew is given back', async () => {
    const short = textOf(1_000);
    await parseJsonOffThread(short, 100);
    const started = offThreadCounts().workersStarted;
    await parseJsonOffThread(short, 100);
    expect(offThreadCounts().workersStarted).toBe(started);

    const long = textOf(RELEASE_AFTER_CHARS);
    expect(long.length).toBeGreaterThanOrEqual(RELEASE_AFTER_CHARS);
    const value = await parseJsonOffThread(long, 100);
    expect(value).toEqual(JSON.parse(long));
    // The worker that parsed it ended: the next text starts another one, and is parsed right.
    expect(await parseJsonOffThread(short, 100)).toEqual(JSON.parse(short));
    expect(offThreadCounts().workersStarted).toBe(started + 1);
  });

  it('hands a long array back a slice per turn of the event loop, the next only once the main thread asks', async () => {
    const items = Array.from({ length: 20 * SLICE_ITEMS }, (_, i) => ({ name: `input_${i}`, facets: { version: { datasetVersion: `v-${i}` } } }));
    const text = JSON.stringify({ run: { runId: 'r' }, inputs: items, outputs: [{ name: 'out' }] });
    expect(await parseJsonOffThread(text, 100)).toEqual(JSON.parse(text));
    // Sent all at once, Node delivered the 20 slices in one task (a 100,000-input event's held the loop ~200 ms).
    expect(offThreadCounts().mostSlicesInOneTurn).toBe(1);
  });
});
