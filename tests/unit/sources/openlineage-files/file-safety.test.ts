import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { identityOf, isSameFile } from '@/lib/sources/openlineage-files/file-identity';
import { openRegularFile, readRegularFile, unreadableReason } from '@/lib/sources/openlineage-files/safe-read';

function event(runId: string, second: number): string {
  return JSON.stringify({
    eventTime: `2026-02-01T00:00:${String(second).padStart(2, '0')}.000Z`, eventType: 'START', run: { runId },
    job: { namespace: 'safety', name: `job-${runId}` }, inputs: [], outputs: [], producer: 'https://example.com/runlens-tests',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  });
}

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runlens-safety-'));
  temps.push(dir);
  return dir;
}
const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

/**
 * Unblocks a read stuck on `fifo` after `ms` (a blocked readFileSync holds the event loop, so no timer in
 * this process could), so a regression fails on the elapsed time instead of hanging the suite.
 */
function writeToFifoLater(fifo: string, ms: number): void {
  spawn('sh', ['-c', `sleep ${ms / 1000}; echo '{}' > '${fifo}'`], { stdio: 'ignore', detached: true }).unref();
}

/** A folder of *.json entries that are not regular files: a FIFO, a symlink loop, a dangling link, a device, a directory. */
function hostileEntries(): string {
  const dir = tempDir();
  mkfifo(path.join(dir, 'pipe.json'));
  symlinkSync('loop-b.json', path.join(dir, 'loop-a.json'));
  symlinkSync('loop-a.json', path.join(dir, 'loop-b.json'));
  symlinkSync('missing.json', path.join(dir, 'dangling.json'));
  symlinkSync('/dev/null', path.join(dir, 'device.json'));
  mkdirSync(path.join(dir, 'folder.json'));
  return dir;
}

describe('safe-read', () => {
  it('names what is not a regular file, through symlinks, without blocking', () => {
    const dir = hostileEntries();
    writeFileSync(path.join(dir, 'ok.json'), event('a', 1));
    expect(unreadableReason(path.join(dir, 'pipe.json'))).toMatch(/FIFO/);
    expect(unreadableReason(path.join(dir, 'loop-a.json'))).toMatch(/symlink loop/);
    expect(unreadableReason(path.join(dir, 'dangling.json'))).toMatch(/dangling symlink/);
    expect(unreadableReason(path.join(dir, 'device.json'))).toMatch(/device/);
    expect(unreadableReason(path.join(dir, 'folder.json'))).toMatch(/directory/);
    expect(unreadableReason(path.join(dir, 'ok.json'))).toBeNull();
    const started = performance.now();
    expect(() => openRegularFile(path.join(dir, 'pipe.json'))).toThrow(/FIFO/);
    expect(() => readRegularFile(path.join(dir, 'device.json'))).toThrow(/device/);
    expect(performance.now() - started).toBeLessThan(500);
    expect(readRegularFile(path.join(dir, 'ok.json'))).toContain('"runId":"a"');
  });

  it('a symlinked problem file whose target becomes a FIFO does not stall the refresh, and is reported', async () => {
    const dir = tempDir();
    const events = path.join(dir, 'events');
    mkdirSync(events);
    const target = path.join(dir, 'target');
    writeFileSync(target, '{"half": ');
    symlinkSync(target, path.join(events, 'linked.json'));
    writeFileSync(path.join(events, 'good.json'), event('good', 1));
    // A directory last changed long ago is not listed again: only the problem-file retry looks at the link.
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(events, longAgo, longAgo);
    const source = createOpenLineageFileSource([events], { refreshIntervalMs: 0 });
    await source.snapshot();
    expect((await source.health()).problems.map((p) => p.where)).toContain(path.join(events, 'linked.json'));
    // The problem file is retried when its stat changes: its target is now a pipe nobody writes to.
    unlinkSync(target);
    mkfifo(target);
    writeToFifoLater(target, 3000);
    const started = performance.now();
    const snapshot = await source.snapshot();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(snapshot.runs.has('good')).toBe(true);
    const problems = (await source.health()).problems;
    expect(problems.find((p) => p.where === path.join(events, 'linked.json'))?.message).toMatch(/FIFO/);
  });

  it('reports FIFOs, devices, symlink loops, dangling links and directories named *.json on health', async () => {
    const dir = hostileEntries();
    writeFileSync(path.join(dir, 'folder.json', 'inner.json'), event('inner', 2));
    writeFileSync(path.join(dir, 'ok.json'), event('ok', 1));
    const source = createOpenLineageFileSource([dir], { refreshIntervalMs: 0 });
    const snapshot = await source.snapshot();
    expect([...snapshot.runs.keys()].sort()).toEqual(['inner', 'ok']);
    const problems = Object.fromEntries((await source.health()).problems.map((p) => [path.basename(p.where), p.message]));
    expect(problems).toMatchObject({
      'pipe.json': expect.stringMatching(/FIFO/), 'loop-a.json': expect.stringMatching(/symlink loop/), 'loop-b.json': expect.stringMatching(/symlink loop/),
      'dangling.json': expect.stringMatching(/dangling/), 'device.json': expect.stringMatching(/device/), 'folder.json': expect.stringMatching(/directory/),
    });
  });

  it('a JSON Lines root that is a FIFO is an error, not a stall', async () => {
    const fifo = path.join(tempDir(), 'events.ndjson');
    mkfifo(fifo);
    writeToFifoLater(fifo, 3000);
    const source = createOpenLineageFileSource([fifo], { refreshIntervalMs: 0 });
    const started = performance.now();
    await source.snapshot();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(JSON.stringify(await source.health())).toMatch(/neither a file nor a directory|FIFO/);
  });
});

describe('copy-truncate', () => {
  it('a JSON Lines file truncated and rewritten to at least its old length within one refresh is read again', async () => {
    const jsonl = path.join(tempDir(), 'events.ndjson');
    writeFileSync(jsonl, `${event('old-1', 1)}\n${event('old-2', 2)}\n`);
    const source = createOpenLineageFileSource([jsonl], { refreshIntervalMs: 0 });
    expect([...(await source.snapshot()).runs.keys()].sort()).toEqual(['old-1', 'old-2']);
    const inode = statSync(jsonl).ino;
    // Same inode (O_TRUNC), longer than before: only the content tells.
    writeFileSync(jsonl, `${event('new-1', 3)}\n${event('new-2', 4)}\n${event('new-3', 5)}\n`);
    expect(statSync(jsonl).ino).toBe(inode);
    expect([...(await source.snapshot()).runs.keys()].sort()).toEqual(['new-1', 'new-2', 'new-3']);
  });

  it('file identity: an append keeps it, a rewrite of the first bytes or of the last line break does not', () => {
    const file = path.join(tempDir(), 'f.ndjson');
    writeFileSync(file, 'line one\nline two\n');
    const open = () => openRegularFile(file);
    let { fd, stat } = open();
    const known = identityOf(fd, stat, 18);
    closeSync(fd);
    writeFileSync(file, 'line one\nline two\nline three\n');
    ({ fd, stat } = open());
    expect(isSameFile(fd, stat, known, 18)).toBe(true);
    closeSync(fd);
    writeFileSync(file, 'LINE ONE\nline two\nline three\n');
    ({ fd, stat } = open());
    expect(isSameFile(fd, stat, known, 18)).toBe(false);
    closeSync(fd);
    writeFileSync(file, 'line one\nline twoX\nline three\n');
    const fd2 = openSync(file, 'r');
    expect(isSameFile(fd2, statSync(file), { ...known, prefixBytes: 0 }, 18)).toBe(false);
    closeSync(fd2);
  });
});
