import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndex, type OpenIndex } from '@/lib/index/open';
import { insertReceivedEvents } from '@/lib/index/received-events';
import { getSources } from '@/lib/sources';
import { registerReceiverSourceIfUsed } from '@/lib/sync/receiver-source';

const opened: OpenIndex[] = [];
afterAll(async () => {
  for (const index of opened) await index.close();
});

describe('registering the receiver source', () => {
  it('waits for the first received event (maybe on another replica) when no token is set, then shows the source', async () => {
    delete process.env.RUNLENS_INGEST_TOKEN;
    const index = await openIndex({ kind: 'sqlite', file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-receiver-reg-')), 'index.sqlite') });
    opened.push(index);
    const has = () => getSources().lineage.some((s) => s.id === 'openlineage-receiver');
    await registerReceiverSourceIfUsed(index, 50);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(has()).toBe(false);
    // Another replica sharing the index stores an event.
    await insertReceivedEvents(index.db, [{ runId: null, body: '{}' }], Date.now());
    await expect.poll(has, { timeout: 2_000 }).toBe(true);
    expect((await getSources().lineage.find((s) => s.id === 'openlineage-receiver')!.health()).counts.events).toBe(1);
  });
});
