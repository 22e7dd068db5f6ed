import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';

function event(runId: string, eventType: string, second: number, outputs: string[] = []): string {
  return JSON.stringify({
    eventTime: `2026-02-01T00:00:${String(second).padStart(2, '0')}.000Z`,
    eventType,
    run: { runId },
    job: { namespace: 'live', name: `job-${runId}` },
    inputs: [],
    outputs: outputs.map((name) => ({ namespace: 'live', name })),
    producer: 'https://example.com/runlens-tests',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  });
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runlens-ol-'));
  temps.push(dir);
  return dir;
}

describe('events added while the app runs', () => {
  it('picks up lines appended to a JSON Lines file and files added to a directory', async () => {
    const root = tempDir();
    const dir = path.join(root, 'events');
    const jsonl = path.join(root, 'events.ndjson');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'events-1.json'), event('a', 'START', 1));
    writeFileSync(jsonl, `${event('b', 'START', 2)}\n`);
    const source = createOpenLineageFileSource([dir, jsonl], { refreshIntervalMs: 0 });

    const first = await source.snapshot();
    expect([...first.runs.keys()].sort()).toEqual(['a', 'b']);

    writeFileSync(path.join(dir, 'events-2.json'), event('a', 'COMPLETE', 3, ['out']));
    mkdirSync(path.join(dir, '2026-02-01'));
    writeFileSync(path.join(dir, '2026-02-01', 'events-3.json'), event('c', 'START', 4));
    appendFileSync(jsonl, `${event('b', 'COMPLETE', 5)}\n`);
    const second = await source.snapshot();
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.runs.get('a')).toMatchObject({ state: 'COMPLETED', endedAt: '2026-02-01T00:00:03.000Z' });
    expect(second.runs.get('b')?.state).toBe('COMPLETED');
    expect(second.runs.has('c')).toBe(true);
    expect((await source.health()).counts).toMatchObject({ events: 5, files: 4 });
  });

  it('waits for a partial last line, then reads it once complete', async () => {
    const jsonl = path.join(tempDir(), 'events.ndjson');
    writeFileSync(jsonl, `${event('a', 'START', 1)}\n`);
    const source = createOpenLineageFileSource([jsonl], { refreshIntervalMs: 0 });
    const first = await source.snapshot();

    const line = event('a', 'COMPLETE', 2);
    appendFileSync(jsonl, line.slice(0, 40));
    const partial = await source.snapshot();
    expect(partial.version).toBe(first.version);
    expect(partial.runs.get('a')?.state).toBe('RUNNING');
    expect((await source.health()).problems).toEqual([]);

    appendFileSync(jsonl, `${line.slice(40)}\n${event('d', 'START', 3)}\n`);
    const complete = await source.snapshot();
    expect(complete.runs.get('a')?.state).toBe('COMPLETED');
    expect(complete.runs.has('d')).toBe(true);
    expect((await source.health()).counts.events).toBe(3);
  });

  it('reads a last line that never gets its newline, without reading it twice', async () => {
    const jsonl = path.join(tempDir(), 'events.ndjson');
    writeFileSync(jsonl, `${event('a', 'START', 1)}\n${event('a', 'COMPLETE', 2)}`);
    const source = createOpenLineageFileSource([jsonl], { refreshIntervalMs: 0 });
    expect((await source.snapshot()).runs.get('a')?.state).toBe('COMPLETED');
    appendFileSync(jsonl, `\n${event('e', 'START', 3)}\n`);
    await source.snapshot();
    expect((await source.health()).counts.events).toBe(3);
  });

  it('keeps the same version when nothing changed, and honours the refresh interval', async () => {
    const jsonl = path.join(tempDir(), 'events.ndjson');
    writeFileSync(jsonl, `${event('a', 'START', 1)}\n`);
    const eager = createOpenLineageFileSource([jsonl], { refreshIntervalMs: 0 });
    const lazy = createOpenLineageFileSource([jsonl], { refreshIntervalMs: 60_000 });
    const first = await eager.snapshot();
    await lazy.snapshot();
    expect((await eager.snapshot()).version).toBe(first.version);

    appendFileSync(jsonl, `${event('f', 'START', 2)}\n`);
    expect((await eager.snapshot()).runs.has('f')).toBe(true);
    // Within the interval the cached snapshot is returned without touching the disk.
    expect((await lazy.snapshot()).runs.has('f')).toBe(false);
  });

  it('reads again a file that was half-written when first seen, and drops deleted files', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'events-1.json');
    const text = event('g', 'START', 1);
    writeFileSync(file, text.slice(0, 30));
    const source = createOpenLineageFileSource([dir], { refreshIntervalMs: 0 });
    await source.snapshot();
    expect((await source.health()).problems).toHaveLength(1);

    writeFileSync(file, text);
    expect((await source.snapshot()).runs.has('g')).toBe(true);
    expect((await source.health()).problems).toEqual([]);

    rmSync(file);
    const after = await source.snapshot();
    expect(after.runs.size).toBe(0);
  });

  it('starts working when a missing path appears', async () => {
    const root = tempDir();
    const jsonl = path.join(root, 'later.ndjson');
    const source = createOpenLineageFileSource([jsonl], { refreshIntervalMs: 0 });
    expect((await source.health()).status).toBe('unavailable');
    writeFileSync(jsonl, `${event('h', 'START', 1)}\n`);
    expect((await source.snapshot()).runs.has('h')).toBe(true);
    expect((await source.health()).status).toBe('ok');
  });

  it('starts over when a JSON Lines file is truncated or replaced', async () => {
    const jsonl = path.join(tempDir(), 'events.ndjson');
    writeFileSync(jsonl, `${event('a', 'START', 1)}\n${event('b', 'START', 2)}\n`);
    const source = createOpenLineageFileSource([jsonl], { refreshIntervalMs: 0 });
    expect((await source.snapshot()).runs.size).toBe(2);
    writeFileSync(jsonl, `${event('c', 'START', 3)}\n`);
    expect([...(await source.snapshot()).runs.keys()]).toEqual(['c']);
  });
});
