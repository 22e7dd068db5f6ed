import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { restQueriesWith, RestingSqliteDialect } from '@/lib/index/resting-sqlite-dialect';

const ROWS = 3_000;

/** Inserts ROWS rows one statement each inside one transaction, counting the timer's ticks while it is open. */
async function longTransaction(rest: ((heldMs: number) => Promise<void>) | null) {
  restQueriesWith(rest);
  // A budget of 1 ms: thousands of statements hold the loop past it on any machine.
  const db = new Kysely<{ t: { n: number } }>({ dialect: new RestingSqliteDialect({ database: new Database(':memory:') }, 1) });
  await sql`create table t (n integer)`.execute(db);
  let ticks = 0;
  let ticksInside = -1;
  const timer = setInterval(() => ticks++, 0);
  await db.transaction().execute(async (tx) => {
    const before = ticks;
    for (let n = 0; n < ROWS; n++) await tx.insertInto('t').values({ n }).execute();
    ticksInside = ticks - before;
  });
  clearInterval(timer);
  const { count } = await db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  await db.destroy();
  return { ticksInside, count: Number(count) };
}

describe('SQLite queries of a long transaction', () => {
  afterEach(() => restQueriesWith(null));

  it('give the event loop back while the transaction is open (a timer keeps firing), and all rows are written', async () => {
    let rests = 0;
    const { ticksInside, count } = await longTransaction((held) => {
      rests++;
      expect(held).toBeGreaterThanOrEqual(1);
      return new Promise((resolve) => setTimeout(resolve, 1));
    });
    expect(rests).toBeGreaterThan(0);
    expect(ticksInside).toBeGreaterThan(0);
    expect(count).toBe(ROWS);
  });

  it('hold it throughout when no rest is set (how the index behaves outside a syncing process)', async () => {
    const { ticksInside, count } = await longTransaction(null);
    expect(ticksInside).toBe(0);
    expect(count).toBe(ROWS);
  });

  it('rest before the first query after other work held the loop (a long parse, then writes)', async () => {
    const held: number[] = [];
    restQueriesWith(async (ms) => void held.push(ms));
    const db = new Kysely<{ t: { n: number } }>({ dialect: new RestingSqliteDialect({ database: new Database(':memory:') }) });
    await sql`create table t (n integer)`.execute(db);
    await new Promise((resolve) => setTimeout(resolve, 30)); // the loop turns: nothing is held
    held.length = 0;
    const busyUntil = performance.now() + 200;
    while (performance.now() < busyUntil); // synchronous work, no query, the loop held
    await db.insertInto('t').values({ n: 1 }).execute();
    expect(held).toHaveLength(1);
    expect(held[0]).toBeGreaterThanOrEqual(200 - 10);
    await db.destroy();
  });
});
