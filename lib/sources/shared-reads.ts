import 'server-only';
import { parseJsonOffThread } from '@/lib/model/json-off-thread';

/**
 * Where replicas keep one copy of a slow-changing upstream read (MLflow's experiments and registry). The sync
 * runtime sets it from the run index at start (lib/index/shared-reads.ts); until then, and in tests without
 * it, every read asks the upstream.
 */
export interface SharedReadStore {
  read(key: string): Promise<{ body: string; readMs: number } | null>;
  /** True when this replica may ask the upstream now (no other replica is asking). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  publish(key: string, body: string): Promise<void>;
}

const holder = globalThis as typeof globalThis & { __runlensSharedReads?: SharedReadStore | null };

export function shareReadsThrough(store: SharedReadStore | null): void {
  holder.__runlensSharedReads = store;
}

/** The process's store (null until the sync runtime started); sources take it through this, tests give their own. */
export function processSharedReads(): SharedReadStore | null {
  return holder.__runlensSharedReads ?? null;
}

/** How long one replica's claim to ask the upstream holds others off: longer than a slow registry read. */
export const SHARED_READ_CLAIM_MS = 120_000;
/** How long a replica that lost the claim waits for the first copy before it asks the upstream itself. */
const FIRST_COPY_WAIT_MS = 10_000;
const FIRST_COPY_POLL_MS = 200;
/** While another replica is asking the upstream, one holding an older copy looks again this soon. */
const STALE_COPY_RETRY_MS = 15_000;
const OFF_THREAD_CHARS = 1_000_000;
const OWN_JSON_DEPTH = 1_000;

export interface SharedRead<T> {
  value: T;
  /** How long ago the upstream was asked for it (0: just now, by this replica). */
  ageMs: number;
}

/** When a read `ageMs` old is due again: at its age `intervalMs`, or soon when it already is (another replica is asking). */
export function nextReadInMs(ageMs: number, intervalMs: number): number {
  return ageMs < intervalMs ? intervalMs - ageMs : Math.min(intervalMs, STALE_COPY_RETRY_MS);
}

export interface SharedReadCodec<T> {
  encode(value: T): string;
  /** Null for a copy this version cannot use (the next read replaces it). */
  decode(parsed: unknown): T | null;
}

async function parsedCopy<T>(store: SharedReadStore, key: string, codec: SharedReadCodec<T>): Promise<{ value: T; readMs: number } | null> {
  const copy = await store.read(key);
  if (copy === null) return null;
  const parsed = copy.body.length <= OFF_THREAD_CHARS ? JSON.parse(copy.body) : await parseJsonOffThread(copy.body, OWN_JSON_DEPTH);
  const value = codec.decode(parsed);
  return value === null ? null : { value, readMs: copy.readMs };
}

async function publishedWithin<T>(store: SharedReadStore, key: string, codec: SharedReadCodec<T>, waitMs: number): Promise<SharedRead<T> | null> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, FIRST_COPY_POLL_MS));
    const copy = await parsedCopy(store, key, codec).catch(() => null);
    if (copy !== null) return { value: copy.value, ageMs: Math.max(0, Date.now() - copy.readMs) };
  }
  return null;
}

/**
 * `ask()` as N replicas make it once: a shared copy younger than `maxAgeMs` is used as it is; otherwise the replica
 * that wins the claim asks the upstream and publishes the answer, and the others keep using the older copy
 * meanwhile (with none yet, they wait up to 10 s for it). The index failing never fails the read: it then asks the
 * upstream, as a lone replica would.
 */
export async function readShared<T>(store: SharedReadStore | null, key: string, maxAgeMs: number, ask: () => Promise<T>, codec: SharedReadCodec<T>): Promise<SharedRead<T>> {
  if (store === null) return { value: await ask(), ageMs: 0 };
  const copy = await parsedCopy(store, key, codec).catch(() => null);
  const age = copy === null ? Infinity : Math.max(0, Date.now() - copy.readMs);
  if (copy !== null && age < maxAgeMs) return { value: copy.value, ageMs: age };
  const mine = await store.claim(key, SHARED_READ_CLAIM_MS).catch(() => true);
  if (!mine && copy !== null) return { value: copy.value, ageMs: age };
  // Another replica may have published between our look and our claim.
  const fresher = mine ? await freshSharedCopy(store, key, maxAgeMs, codec) : null;
  if (fresher !== null) return fresher;
  // No copy yet (replicas starting together): the one asking publishes soon; ask only if it does not.
  const awaited = mine ? null : await publishedWithin(store, key, codec, FIRST_COPY_WAIT_MS);
  if (awaited !== null) return awaited;
  let value: T;
  try {
    value = await ask();
  } catch (error) {
    // A failing upstream is asked again by this replica when its read is next due, not by every replica meanwhile.
    if (mine) await store.claim(key, Math.max(maxAgeMs, SHARED_READ_CLAIM_MS)).catch(() => undefined);
    throw error;
  }
  // A publish that fails costs the other replicas one read of their own, never this page.
  await store.publish(key, codec.encode(value)).catch(() => undefined);
  return { value, ageMs: 0 };
}

/** The shared copy when one younger than `maxAgeMs` exists; never asks the upstream nor claims (a read that can wait). */
export async function freshSharedCopy<T>(store: SharedReadStore | null, key: string, maxAgeMs: number, codec: SharedReadCodec<T>): Promise<SharedRead<T> | null> {
  const copy = store === null ? null : await parsedCopy(store, key, codec).catch(() => null);
  const age = copy === null ? Infinity : Math.max(0, Date.now() - copy.readMs);
  return copy !== null && age < maxAgeMs ? { value: copy.value, ageMs: age } : null;
}
