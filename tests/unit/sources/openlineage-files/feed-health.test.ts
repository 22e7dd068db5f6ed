import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';

const MALFORMED = path.resolve('tests/fixtures/openlineage-files/malformed');

async function caughtUp(paths: string[]) {
  const source = createOpenLineageFileSource(paths, { refreshIntervalMs: 0 });
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const batch = await source.changeFeed().changes(cursor, { runningRunIds: () => Promise.resolve([]) });
    cursor = batch.cursor;
    if (batch.caughtUp) break;
  }
  return source;
}

describe('local files health from the feed', () => {
  it('lists bad lines and files as problems, not as the source failing', async () => {
    const health = await (await caughtUp([path.join(MALFORMED, 'events'), path.join(MALFORMED, 'events.ndjson')])).health();
    expect(health.error).toBeNull();
    expect(health.status).toBe('ok');
    expect(health.problems.map((p) => `${path.basename(p.where)}${p.line === undefined ? '' : `:${p.line}`}`)).toEqual(expect.arrayContaining(['events.ndjson:3', 'bad-run-id.json']));
  });

  it('fails for a configured path that cannot be read, naming it', async () => {
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-feed-health-')), 'gone.ndjson');
    const health = await (await caughtUp([path.join(MALFORMED, 'events'), missing])).health();
    expect(health.error).toContain(missing);
    expect(health.error).not.toContain('events.ndjson');
  });

  it('in the app, parses no file for /health before the feed has read, and says so', async () => {
    const paths = [path.join(MALFORMED, 'events'), path.join(MALFORMED, 'events.ndjson')];
    const source = createOpenLineageFileSource(paths, { refreshIntervalMs: 0, healthFromFeedOnly: true });
    const before = await source.health();
    expect(before).toMatchObject({ status: 'ok', counts: {}, problems: [], error: null, details: { eventFeed: 'not read by this process yet' } });
    await source.changeFeed().changes(null, { runningRunIds: () => Promise.resolve([]) });
    const after = await source.health();
    expect(after.counts.events).toBeGreaterThan(0);
    expect(after.problems.length).toBeGreaterThan(0);
  });
});
