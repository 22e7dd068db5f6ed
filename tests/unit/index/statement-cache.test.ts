import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { withStatementCache } from '@/lib/index/statement-cache';

function database() {
  const db = new Database(':memory:');
  db.exec('create table t (n integer); insert into t values (1), (2), (3)');
  return { db, compiles: vi.spyOn(db, 'prepare') };
}

describe('compiled statements kept by their SQL', () => {
  it('compiles a query once however often it runs, and answers as a fresh statement would', () => {
    const { db, compiles } = database();
    const cached = withStatementCache(db);
    for (let i = 0; i < 5; i++) expect(cached.prepare('select n from t where n >= ?').all([2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(compiles).toHaveBeenCalledTimes(1);
    cached.prepare('insert into t values (?)').run([4]);
    expect(cached.prepare('select n from t where n >= ?').all([2])).toHaveLength(3);
    expect(compiles).toHaveBeenCalledTimes(2);
  });

  it('never hands out a statement that is still being iterated (a streamed query): that one is compiled anew', () => {
    const { db, compiles } = database();
    const cached = withStatementCache(db);
    const streaming = cached.prepare('select n from t').iterate([]);
    expect(streaming.next().value).toEqual({ n: 1 });
    // The same SQL while the first is mid-iteration: a second statement, both readable.
    expect(cached.prepare('select n from t').all([])).toHaveLength(3);
    expect(compiles).toHaveBeenCalledTimes(2);
    expect([...streaming]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('keeps at most `max` statements: the least recently used is compiled again', () => {
    const { db, compiles } = database();
    const cached = withStatementCache(db, 2);
    for (const sql of ['select 1', 'select 2', 'select 3', 'select 1']) cached.prepare(sql);
    expect(compiles).toHaveBeenCalledTimes(4);
    cached.prepare('select 1');
    expect(compiles).toHaveBeenCalledTimes(4);
  });
});
