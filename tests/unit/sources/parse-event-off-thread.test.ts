import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileChangeFeed } from '@/lib/sources/openlineage-files/change-feed';
import { parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { OFF_THREAD_CHARS, parseEventLineOffThread } from '@/lib/sources/parse-event-off-thread';
import { offThreadCounts } from '@/lib/model/json-off-thread';
import { runFromStoredEvents, runFromStoredEventsOffThread } from '@/lib/sources/openlineage-receiver/run-from-events';
import { turnsDuring } from '../turns-during';

const RUN_ID = '00000000-0000-4000-8000-000000000001';

/** A COMPLETE event reading `inputs` versioned datasets (about 150 characters each), `patch` applied to its inputs. */
function wideEvent(inputs: number, patch: (list: Record<string, unknown>[]) => void = () => {}): string {
  const list: Record<string, unknown>[] = Array.from({ length: inputs }, (_, i) => ({
    namespace: 'wide', name: `input_${i}`, facets: { version: { _producer: 'x', _schemaURL: 'x', datasetVersion: `v-${i}` } }, inputFacets: { note: { text: 'é😀' } },
  }));
  patch(list);
  return JSON.stringify({
    eventType: 'COMPLETE', eventTime: '2026-01-01T00:00:00Z', producer: 'https://example.com/p', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json',
    run: { runId: RUN_ID, facets: { nominalTime: { _producer: 'x', _schemaURL: 'x', nominalStartTime: '2026-01-01T00:00:00Z' } } },
    job: { namespace: 'ns', name: 'wide_reader' }, inputs: list, outputs: [{ namespace: 'wide', name: 'out' }],
  });
}


describe('a long event line, parsed on a worker thread', () => {
  it('gives the same event as parsing it in place, while timers keep firing', async () => {
    const line = wideEvent(20_000);
    expect(line.length).toBeGreaterThan(OFF_THREAD_CHARS);
    const { result, turns } = await turnsDuring(() => parseEventLineOffThread(line));
    expect(result).toEqual(parseEventLine(line));
    expect(typeof result === 'string' ? [] : result.wire.kind === 'run' ? result.wire.event.inputs : []).toHaveLength(20_000);
    // Handed over and checked a slice at a time: the loop turned between the slices (in place: not once).
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it('names the same problems, at the same list positions, as checking it whole', async () => {
    const line = wideEvent(20_000, (list) => {
      delete list[3]!.namespace;
      list[15_321]!.name = 42;
      list[19_999]!.facets = 'not facets';
    });
    const whole = parseEventLine(line);
    expect(whole).toMatch(/inputs\[3\]\.namespace.*inputs\[15321\]\.name.*inputs\[19999\]\.facets/);
    expect(await parseEventLineOffThread(line)).toBe(whole);
  });

  it('refuses JSON that is broken or nested too deep with the words used in place', async () => {
    const line = wideEvent(20_000);
    const broken = `${line.slice(0, -10)}`;
    expect(await parseEventLineOffThread(broken)).toBe(parseEventLine(broken));
    const deep = `${line.slice(0, -1)},"deep":${'['.repeat(300)}${']'.repeat(300)}}`;
    expect(await parseEventLineOffThread(deep)).toBe(parseEventLine(deep));
    expect(await parseEventLineOffThread(deep)).toMatch(/nested deeper than/);
  });

  it('rebuilds a run from a long stored body as runFromStoredEvents does', async () => {
    const start = JSON.stringify({ ...JSON.parse(wideEvent(2)), eventType: 'START', eventTime: '2025-12-31T23:00:00Z' });
    const bodies = [start, wideEvent(20_000)];
    const { result, turns } = await turnsDuring(() => runFromStoredEventsOffThread(RUN_ID, bodies, 'openlineage-files'));
    expect(result).toEqual(runFromStoredEvents(RUN_ID, bodies, 'openlineage-files'));
    expect(result?.inputs).toHaveLength(20_000);
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it('folds a run given parsed (as the feed hands it) with the event loop turning between slices of its inputs', async () => {
    const start = JSON.stringify({ ...JSON.parse(wideEvent(2)), eventType: 'START', eventTime: '2025-12-31T23:00:00Z' });
    const bodies = [start, wideEvent(20_000)];
    const parsed = bodies.map((b) => parseEventLine(b) as LoadedEvent);
    let folding = true;
    let immediateRanDuringFold = false;
    setImmediate(() => (immediateRanDuringFold = folding));
    const run = await runFromStoredEventsOffThread(RUN_ID, parsed, 'openlineage-files').finally(() => (folding = false));
    // Folded in one go, the promise settles before any macrotask: the callback would find the fold done.
    expect(immediateRanDuringFold).toBe(true);
    expect(run).toEqual(runFromStoredEvents(RUN_ID, bodies, 'openlineage-files'));
    expect(run?.inputs).toHaveLength(20_000);
  });
});

describe('a local file holding a run that reads 20,000 datasets', () => {
  it('is read with timers firing meanwhile, the event whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-long-line-'));
    try {
      const file = path.join(dir, 'events.jsonl');
      fs.writeFileSync(file, `${wideEvent(20_000)}\n`);
      const feed = createFileChangeFeed('openlineage-files', 'events', [file], 60_000);
      const { result, turns } = await turnsDuring(() => feed.changes(null, { runningRunIds: () => Promise.resolve([]) }));
      expect(result.lineageEvents).toHaveLength(1);
      expect(result.datasets?.filter((d) => d.namespace === 'wide')).toHaveLength(20_001);
      expect(result.jobs?.find((j) => j.name === 'wide_reader')?.inputs).toHaveLength(20_000);
      expect(turns).toBeGreaterThanOrEqual(10);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('long lines handed to the worker as the bytes read', () => {
  it('give the events their text gives, after a BOM, a CRLF and non-ASCII lines before them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-long-bytes-'));
    try {
      const file = path.join(dir, 'events.jsonl');
      const short = JSON.stringify({ eventType: 'START', eventTime: '2026-01-01T00:00:00Z', run: { runId: '00000000-0000-4000-8000-00000000000a' }, job: { namespace: 'ns', name: 'données 😀' }, inputs: [], outputs: [] });
      const first = wideEvent(9_000);
      const second = wideEvent(9_000, (list) => void (list[0]!.name = 'π_first'));
      fs.writeFileSync(file, `\uFEFF${first}\r\n${short}\n${second}\n`);
      const parsedBefore = offThreadCounts().textsParsed;
      const feed = createFileChangeFeed('openlineage-files', 'events', [file], 60_000, { batchBytes: 8 * 1024 * 1024, batchEvents: 2_000 });
      const batch = await feed.changes(null, { runningRunIds: () => Promise.resolve([]) });
      expect(offThreadCounts().textsParsed - parsedBefore).toBe(2);
      expect(batch.lineageEvents?.map((e) => e.loaded)).toEqual([parseEventLine(first), parseEventLine(short), parseEventLine(second)]);
      expect(feed.state()?.badEntries).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
