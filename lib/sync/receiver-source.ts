import 'server-only';
import type { OpenIndex } from '@/lib/index/open';
import { entityCounts } from '@/lib/index/lineage-queries';
import { lastReceivedSeq, receivedCounts } from '@/lib/index/received-events';
import { readEnv } from '@/lib/env';
import { addLineageSource } from '@/lib/sources';
import { createReceiverSource, RECEIVER_SOURCE_ID } from '@/lib/sources/openlineage-receiver';

/**
 * Registers the receiver's /health card (its counts, read from this index).
 * Called when the receiver is set up (RUNLENS_INGEST_TOKEN) or the index holds received events, at
 * start, and after each receive; later calls do nothing.
 */
export function ensureReceiverSource(index: OpenIndex): void {
  addLineageSource(RECEIVER_SOURCE_ID, () => createReceiverSource({
    lastSeq: () => lastReceivedSeq(index.db),
    counts: () => receivedCounts(index.db),
    entityCounts: () => entityCounts(index.db, RECEIVER_SOURCE_ID),
  }));
}

/** How often a replica that has not seen events yet looks whether another replica received some. */
const LOOK_AGAIN_MS = 30_000;

/**
 * At start: the receiver source is shown when it is configured or has received anything; until then
 * the index is asked again now and then, since another replica sharing it may receive the first events.
 */
export async function registerReceiverSourceIfUsed(index: OpenIndex, lookAgainMs = LOOK_AGAIN_MS): Promise<void> {
  const used = async () => readEnv().ingestToken !== null || (await lastReceivedSeq(index.db)) > 0;
  if (await used()) {
    ensureReceiverSource(index);
    return;
  }
  const timer = setInterval(() => {
    used().then((yes) => {
      if (!yes) return;
      ensureReceiverSource(index);
      clearInterval(timer);
    }, () => undefined);
  }, lookAgainMs);
  timer.unref();
}
