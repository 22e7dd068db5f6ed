import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openIndex, untilWalHasRoom } from '@/lib/index/open';
import { MAIN_CONNECTION_CHECKPOINT_PAGES, startWalCheckpointer, type WalCheckpointer } from '@/lib/index/wal-checkpointer';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

function walDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-wal-'));
  const file = path.join(dir, 'index.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0'); // this connection never copies the WAL itself
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => db.close());
  return { db, file };
}

async function until(condition: () => boolean, ms = 10_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) if (condition()) return true;
  return condition();
}

/**
 * 400 transactions of 25 pages each (10,000 pages), each after the checkpointer says there is room, resting `restMs`
 * between them; answers the largest WAL seen. Every row must land.
 */
async function writeTenThousandPages(db: Database.Database, file: string, checkpointer: WalCheckpointer, restMs: number): Promise<number> {
  db.exec('create table t (body text)');
  const insert = db.prepare('insert into t values (?)');
  let largestWal = 0;
  for (let round = 0; round < 400; round++) {
    await checkpointer.roomToWrite();
    db.transaction(() => {
      for (let i = 0; i < 25; i++) insert.run(`${round}:${i}:`.padEnd(3_000, 'x'));
    })();
    largestWal = Math.max(largestWal, fs.statSync(`${file}-wal`).size);
    if (restMs > 0) await new Promise((resolve) => setTimeout(resolve, restMs));
  }
  return largestWal;
}

describe('the WAL checkpoint worker', () => {
  it('copies what the writer left in the WAL into the database file, off the writer\'s thread', async () => {
    const { db, file } = walDatabase();
    db.exec('create table t (body text)');
    const insert = db.prepare('insert into t values (?)');
    db.transaction(() => {
      for (let i = 0; i < 1_000; i++) insert.run('x'.repeat(1_000));
    })();
    // About 1 MB written: all of it in the WAL, the database file still holds only its first pages.
    expect(fs.statSync(file).size).toBeLessThan(100_000);
    const failures: Error[] = [];
    const checkpointer: WalCheckpointer = startWalCheckpointer(file, (error) => failures.push(error), 20);
    cleanup.push(() => checkpointer.stop());
    expect(await until(() => fs.statSync(file).size > 1_000_000)).toBe(true);
    expect(failures).toEqual([]);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 1_000 });
  });

  it('makes a writer that never stops wait until the WAL is copied, so the WAL starts over instead of growing', async () => {
    const { db, file } = walDatabase();
    const checkpointer = startWalCheckpointer(file, () => {}, 100, 100);
    cleanup.push(() => checkpointer.stop());
    // With the short rests the syncer takes between transactions, a PASSIVE checkpoint every 100 ms alone never
    // catches up with such a writer: the WAL holds all 10,000 pages.
    const largestWal = await writeTenThousandPages(db, file, checkpointer, 1);
    expect(largestWal).toBeLessThan(5_000 * 4_096);
    expect(db.prepare('select count(*) as n, count(distinct body) as d from t').get()).toEqual({ n: 10_000, d: 10_000 });
  });

  it('sees the WAL grow without waiting for the worker to say so (its reports come late while a checkpoint is slow)', async () => {
    const { db, file } = walDatabase();
    // The worker checkpoints only when a writer asks: it never reports on its own within this test.
    const checkpointer = startWalCheckpointer(file, () => {}, 600_000, 100);
    cleanup.push(() => checkpointer.stop());
    const largestWal = await writeTenThousandPages(db, file, checkpointer, 0);
    // 100 pages and one transaction of 25, and a little: not the 10,000 pages written.
    expect(largestWal).toBeLessThan(300 * 4_096);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 10_000 });
  });

  it('lets writers go on once the worker is stopped', async () => {
    const { db, file } = walDatabase();
    db.exec('create table t (body text)');
    db.prepare('insert into t values (?)').run('x'.repeat(200_000));
    const checkpointer = startWalCheckpointer(file, () => {}, 10, 1);
    // Wait until the worker has reported a WAL past the threshold once, then stop it: nobody is left to wait for.
    await until(() => fs.statSync(file).size > 100_000);
    await checkpointer.stop();
    db.prepare('insert into t values (?)').run('y'.repeat(200_000));
    await expect(checkpointer.roomToWrite()).resolves.toBeUndefined();
  });

  it('runs for every SQLite index', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-wal-index-'));
    const index = await openIndex({ kind: 'sqlite', file: path.join(dir, 'index.sqlite') });
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => index.close());
    // The migrations were written through the WAL; the worker copies them into the database file.
    // (Fewer pages than the connection's own threshold: without the worker they would stay in the WAL.)
    expect(await until(() => fs.statSync(path.join(dir, 'index.sqlite')).size > 50_000)).toBe(true);
  });

  it("gives an index's writers room in the WAL: it never grows to the size where COMMITs checkpoint it themselves", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-wal-room-'));
    const index = await openIndex({ kind: 'sqlite', file: path.join(dir, 'index.sqlite') });
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => index.close());
    await sql`create table scratch (body text)`.execute(index.db);
    const wal = path.join(dir, 'index.sqlite-wal');
    let largestWal = 0;
    // 14,000 pages in transactions of 25, with the syncer's short rests between them, as the syncer writes.
    for (let round = 0; round < 560; round++) {
      await untilWalHasRoom(index.db);
      await index.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 25; i++) await sql`insert into scratch values (${`${round}:${i}:`.padEnd(3_000, 'x')})`.execute(tx);
      });
      largestWal = Math.max(largestWal, fs.statSync(wal).size);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(largestWal).toBeLessThan(0.9 * MAIN_CONNECTION_CHECKPOINT_PAGES * 4_096);
    expect((await sql<{ n: number }>`select count(*) as n from scratch`.execute(index.db)).rows[0]?.n).toBe(14_000);
  });
});
