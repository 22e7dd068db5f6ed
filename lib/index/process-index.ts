import 'server-only';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { readEnv } from '@/lib/env';
import { openIndex, type OpenIndex } from './open';
import { readSyncStates } from './sync-state';

const holder = globalThis as typeof globalThis & { __runlensIndex?: Promise<OpenIndex>; __runlensReplica?: string };

/** This process's name in sync leases (host, pid and a random part: a restarted process is a new replica). */
export function replicaName(): string {
  holder.__runlensReplica ??= `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return holder.__runlensReplica;
}

/** The process's run index (RUNLENS_DATABASE_URL or the SQLite file in RUNLENS_DATA_DIR), opened and migrated on first use. */
export function getProcessIndex(): Promise<OpenIndex> {
  holder.__runlensIndex ??= openIndex(readEnv().index).catch((error: unknown) => {
    holder.__runlensIndex = undefined;
    throw error;
  });
  return holder.__runlensIndex;
}

export interface SyncProgressView {
  source: string;
  phase: string;
  indexed: number;
  estimatedTotal: number | null;
  /** ISO time a backfill newest first has read back to (feeds that walk by time), else null. */
  reachedBackTo?: string | null;
  lastError: string | null;
  updatedAt: string;
  /** Which replica syncs it now (null when no replica holds the lease). */
  syncedBy: string | null;
}

export async function syncProgress(index: OpenIndex, now = Date.now()): Promise<SyncProgressView[]> {
  return (await readSyncStates(index.db)).map((s) => ({
    source: s.source, phase: s.phase, indexed: s.indexed, estimatedTotal: s.estimated_total,
    reachedBackTo: s.reached_back_to_ms === null ? null : new Date(s.reached_back_to_ms).toISOString(), lastError: s.last_error,
    updatedAt: new Date(s.updated_ms).toISOString(), syncedBy: s.lease_until_ms > now ? s.lease_owner : null,
  }));
}
