import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadEventsFromFiles, startMarquezStub, syntheticGraphEvents } from '@/tests/stubs/marquez';
import { parseInstant } from '@/tests/stubs/marquez/instant';
import { parseJavaUuid } from '@/tests/stubs/marquez/uuid';
import { allSharedEvents, get, list, record } from './helpers';

describe('loadEventsFromFiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marquez-stub-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads one event, an array and JSON Lines; a directory stands for its files', () => {
    writeFileSync(path.join(dir, 'a.json'), '{"eventTime":"2026-01-01T00:00:00Z","n":1}');
    writeFileSync(path.join(dir, 'b.json'), '[{"n":2},{"n":3}]');
    writeFileSync(path.join(dir, 'c.ndjson'), '{"n":4}\n\n{"n":5}\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    expect(loadEventsFromFiles([dir]).map((e) => record(e).n)).toEqual([1, 2, 3, 4, 5]);
  });

  test('a broken JSON line names its file and line', () => {
    const file = path.join(dir, 'bad.ndjson');
    writeFileSync(file, '{"n":1}\n{oops\n');
    expect(() => loadEventsFromFiles([file])).toThrow(/bad\.ndjson:2/);
  });

  test('the shared data set loads completely, and Marquez keeps every event', async () => {
    const events = allSharedEvents();
    // seed 26, apples 8, listener 2, API-test events 13, groot-a 10
    expect(events).toHaveLength(59);
    const stub = await startMarquezStub({ events });
    try {
      const body = record((await get(stub, `/events/lineage?after=${encodeURIComponent('1970-01-01T00:00:00Z')}&limit=1`)).json);
      expect(body.totalCount).toBe(59);
    } finally {
      await stub.close();
    }
  });
});

describe('time and UUID parsing', () => {
  test.each([
    ['2020-12-28T19:52:00.001+10:00', '2020-12-28T09:52:00.001Z'],
    ['2026-11-20T22:00:00.000Z', '2026-11-20T22:00:00Z'],
    ['2020-12-28T19:51:01.641499', '2020-12-28T19:51:01.641499Z'],
    ['2020-12-28T19:51:01.641499123Z', '2020-12-28T19:51:01.641499123Z'],
  ])('%s is Java Instant %s', (raw, iso) => {
    expect(parseInstant(raw)?.iso).toBe(iso);
  });

  test('UUID.fromString is lenient about group widths, not about missing dashes', () => {
    expect(parseJavaUuid('1-2-3-4-5')).toBe('00000001-0002-0003-0004-000000000005');
    expect(parseJavaUuid('e8957b09674b442997df1d9f9d1834eb')).toBeNull();
  });
});

describe('syntheticGraphEvents', () => {
  test('is deterministic and forms a DAG of about the asked number of edges', async () => {
    const events = syntheticGraphEvents(200, 300, 800);
    expect(JSON.stringify(syntheticGraphEvents(200, 300, 800))).toBe(JSON.stringify(events));
    expect(events).toHaveLength(400);
    const edges = events.reduce<number>((sum, e) => sum + list(e, 'inputs').length + list(e, 'outputs').length, 0);
    expect(edges).toBeGreaterThan(800 * 0.9);
    expect(edges).toBeLessThan(800 * 1.1);
    const stub = await startMarquezStub({ events });
    try {
      const body = record((await get(stub, '/jobs?limit=1')).json);
      expect(body.totalCount).toBe(200);
      const graph = list((await get(stub, `/lineage?nodeId=${encodeURIComponent('job:bench:bench.job_000199')}&depth=20`)).json, 'graph');
      expect(graph.length).toBeGreaterThan(10);
    } finally {
      await stub.close();
    }
  });

  test('2,000 jobs load and answer a full-depth lineage quickly', async () => {
    const started = performance.now();
    const stub = await startMarquezStub({ events: syntheticGraphEvents(2000, 3000, 8000) });
    try {
      const graph = list((await get(stub, `/lineage?nodeId=${encodeURIComponent('job:bench:bench.job_001000')}&depth=20`)).json, 'graph');
      expect(graph.filter((n) => n.type === 'JOB').length).toBeGreaterThan(1000);
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      await stub.close();
    }
  });
});
