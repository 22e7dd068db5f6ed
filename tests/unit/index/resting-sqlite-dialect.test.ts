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

describe('the COMMIT of a transaction', () => {
  afterEach(() => restQueriesWith(null));

  /** A transaction of `rows` rows inserted 500 per statement; the rests asked for, and which statement came after each. */
  async function restsAround(rows: number) {
    const rests: string[] = [];
    let nextRest = '';
    restQueriesWith(async () => void rests.push((nextRest = 'pending')));
    const database = new Database(':memory:');
    // A budget no statement reaches: only the COMMIT rule can ask for a rest.
    const db = new Kysely<{ t: { n: number; pad: string } }>({ dialect: new RestingSqliteDialect({ database }, 60_000) });
    await sql`create table t (n integer, pad text)`.execute(db);
    await sql`create index t_pad on t (pad, n)`.execute(db);
    await db.transaction().execute(async (tx) => {
      for (let n = 0; n < rows; n += 500) {
        await tx.insertInto('t').values(Array.from({ length: 500 }, (_, i) => ({ n: n + i, pad: `${(n + i) * 7919}`.padStart(64, 'x') }))).execute();
        if (nextRest === 'pending') rests[rests.length - 1] = nextRest = 'insert';
      }
    });
    if (nextRest === 'pending') rests[rests.length - 1] = 'commit';
    await db.destroy();
    return rests;
  }

  it('starts on a fresh turn of the event loop after a transaction whose statements took long', async () => {
    expect(await restsAround(200_000)).toEqual(['commit']);
  });

  it('follows at once after a short one', async () => {
    expect(await restsAround(1_000)).toEqual([]);
  });
});
