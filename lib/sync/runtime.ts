import 'server-only';
import type { OpenIndex } from '@/lib/index/open';
import { getProcessIndex, replicaName } from '@/lib/index/process-index';
import { restQueriesWith } from '@/lib/index/resting-sqlite-dialect';
import { restAfter } from '@/lib/sources/event-loop-rest';
import { sharedReadsIn } from '@/lib/index/shared-reads';
import { shareReadsThrough } from '@/lib/sources/shared-reads';
import { getSources } from '@/lib/sources';
import { RECEIVER_SOURCE_ID } from '@/lib/sources/openlineage-receiver';
import { logEvent } from '@/lib/observability/log';
import { applyChanges } from './apply-changes';
import { registerReceiverSourceIfUsed } from './receiver-source';
import { startSyncer, type Syncer } from './syncer';

export interface IndexRuntime {
  index: OpenIndex;
  syncers: Syncer[];
  /** This replica's name in sync leases. */
  owner: string;
}

/** Sources that receive records without a feed of their own (the OpenLineage receiver); never purged as unconfigured. */
export const PUSHED_SOURCES = [RECEIVER_SOURCE_ID];

/** Records of sources no longer configured leave the index (in bounded rounds), so their runs are not listed forever. */
async function purgeUnconfigured(index: OpenIndex, configured: readonly string[]): Promise<void> {
  const keep = new Set([...configured, ...PUSHED_SOURCES]);
  for (const table of ['lineage_records', 'experiment_records'] as const) {
    const rows = await index.db.selectFrom(table).select('source').distinct().execute();
    for (const { source } of rows) {
      if (keep.has(source)) continue;
      for (;;) {
        const { written } = await applyChanges(index.db, { pass: { source, number: -1, complete: true } });
        if (written === 0) break;
      }
    }
  }
}

async function start(): Promise<IndexRuntime> {
  restQueriesWith(restAfter); // a writer's long run of SQLite queries gives the event loop back (resting-sqlite-dialect.ts)
  const owner = replicaName();
  // Before anything awaits: the start-up warm-up's first snapshot already reads through the index.
  shareReadsThrough(sharedReadsIn(getProcessIndex().then((opened) => opened.db), owner)); // replicas read MLflow's experiments and registry once for all
  const index = await getProcessIndex();
  const { feeds } = getSources();
  await registerReceiverSourceIfUsed(index);
  await purgeUnconfigured(index, feeds.map((f) => f.id));
  const log = (event: string, fields: Record<string, string | number | null>) => logEvent(event === 'sync_failed' ? 'warn' : 'info', event, fields);
  const syncers = feeds.map((feed) => startSyncer(index.db, feed, { owner, log, dialect: index.dialect }));
  return { index, syncers, owner };
}

const holder = globalThis as typeof globalThis & { __runlensSync?: Promise<IndexRuntime> };

/** Starts one syncer per configured source (once per process; instrumentation.ts calls it at start-up). */
export function startSyncing(): Promise<IndexRuntime> {
  holder.__runlensSync ??= start().catch((error: unknown) => {
    holder.__runlensSync = undefined;
    throw error;
  });
  return holder.__runlensSync;
}

