import type { Kysely } from 'kysely';
import type { IndexDatabase } from './schema';

/** A shared copy of an upstream read: its JSON text and the epoch ms the upstream was asked. */
export interface SharedReadCopy {
  body: string;
  readMs: number;
}

export async function readSharedCopy(db: Kysely<IndexDatabase>, key: string): Promise<SharedReadCopy | null> {
  const row = await db.selectFrom('shared_reads').select(['body', 'read_ms']).where('key', '=', key).executeTakeFirst();
  return row?.body == null ? null : { body: row.body, readMs: Number(row.read_ms) };
}

/**
 * Claims the next upstream read of `key` for `ttlMs`: granted when nobody holds the claim, it expired, or it is
 * ours. One conditional UPDATE, so two replicas racing for it cannot both win (SQLite and Postgres alike).
 */
export async function claimSharedRead(db: Kysely<IndexDatabase>, key: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  await db.insertInto('shared_reads')
    .values({ key, body: null, read_ms: 0, claim_owner: null, claim_until_ms: 0 })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const result = await db.updateTable('shared_reads')
    .set({ claim_owner: owner, claim_until_ms: now + ttlMs })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('claim_owner', '=', owner), eb('claim_owner', 'is', null), eb('claim_until_ms', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Publishes a fresh read and gives the claim back. */
export async function publishSharedRead(db: Kysely<IndexDatabase>, key: string, body: string, now = Date.now()): Promise<void> {
  await db.insertInto('shared_reads')
    .values({ key, body, read_ms: now, claim_owner: null, claim_until_ms: 0 })
    .onConflict((oc) => oc.column('key').doUpdateSet({ body, read_ms: now, claim_owner: null, claim_until_ms: 0 }))
    .execute();
}

/**
 * The index as the store of shared reads that sources ask through (lib/sources/shared-reads.ts), for one replica;
 * it may still be opening (a page's first snapshot at start-up already reads through it).
 */
export function sharedReadsIn(index: Kysely<IndexDatabase> | Promise<Kysely<IndexDatabase>>, owner: string) {
  return {
    read: async (key: string) => readSharedCopy(await index, key),
    claim: async (key: string, ttlMs: number) => claimSharedRead(await index, key, owner, ttlMs),
    publish: async (key: string, body: string) => publishSharedRead(await index, key, body),
  };
}
