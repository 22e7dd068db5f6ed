import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExperimentRun } from '@/lib/model';
import type { ChangeBatch, ChangeFeed, FeedContext } from '@/lib/sources/ports';
import { createSqliteSource } from '@/lib/sources/mlflow-store/sqlite/source';
import { GROOT_DB, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

/** A copy of the real MLflow 2.12.2 database (5 runs), which the test then writes to as MLflow would. */
async function grootCopy(): Promise<string> {
  const file = path.join(await tempDir('feed'), 'mlflow.db');
  await fs.copyFile(GROOT_DB, file);
  return file;
}

const noneRunning: FeedContext = { runningRunIds: async () => [] };

/** Steps the feed as the syncer does, until it says it is caught up; every batch is kept. */
async function drain(feed: ChangeFeed, cursor: string | null, context: FeedContext = noneRunning): Promise<{ batches: ChangeBatch[]; cursor: string | null }> {
  const batches: ChangeBatch[] = [];
  for (let step = 0; step < 100; step++) {
    const batch = await feed.changes(cursor, context);
    batches.push(batch);
    cursor = batch.cursor;
    if (batch.caughtUp) break;
  }
  return { batches, cursor };
}

const idsOf = (batches: ChangeBatch[]): string[] => batches.flatMap((b) => b.experimentRuns.map((r) => r.runId));

/** A run row as MLflow's SqlAlchemy store writes it, in the groot database's first experiment. */
function insertRun(file: string, run: { id: string; name: string; startMs: number; status?: string }): void {
  const db = new Database(file);
  const experiment = (db.prepare('SELECT experiment_id FROM runs LIMIT 1').get() as { experiment_id: number }).experiment_id;
  db.prepare(`INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time,
    source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', '', '', 'ops', ?, ?, NULL, '', 'active', '', ?)`)
    .run(run.id, run.name, run.status ?? 'RUNNING', run.startMs, experiment);
  db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)').run('lr', '0.1', run.id);
  db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)').run('db_password', 'hunter2-sentinel', run.id);
  db.close();
}

function write(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
}

describe('MLflow SQLite store as a change feed', () => {
  it('backfills every run newest first in pages, the same runs the snapshot maps, then follows', async () => {
    const file = await grootCopy();
    const snapshot = await createSqliteSource(file).snapshot();
    const store = createSqliteSource(file, { snapshotRuns: false });
    expect((await store.snapshot()).runs.size).toBe(0);
    const { batches } = await drain(store.changeFeed(1_000), null);
    const fed = batches.flatMap((b) => b.experimentRuns);
    expect(fed.map((r) => r.runId).sort()).toEqual([...snapshot.runs.keys()].sort());
    const byId = new Map(fed.map((r) => [r.runId, r]));
    for (const run of snapshot.runs.values()) expect(byId.get(run.runId)).toEqual(run);
    const starts = fed.map((r) => r.startTime ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const last = batches.at(-1)!;
    expect(last.passComplete).toBe(true);
    expect(last.progress).toEqual({ phase: 'follow', done: snapshot.runs.size, estimatedTotal: snapshot.runs.size });
    expect((await store.health()).counts.runs).toBe(snapshot.runs.size);
  });

  it('an unchanged database costs nothing; a new run, a finished RUNNING run and a soft delete come through the next step', async () => {
    const file = await grootCopy();
    const store = createSqliteSource(file, { snapshotRuns: false });
    const feed = store.changeFeed(1_000);
    let { cursor } = await drain(feed, null);
    const idle = await feed.changes(cursor, noneRunning);
    expect(idle.experimentRuns).toEqual([]);
    expect(idle.caughtUp).toBe(true);

    insertRun(file, { id: 'a'.repeat(32), name: 'fresh-run', startMs: Date.now() });
    const fresh = await feed.changes(cursor, noneRunning);
    // Params pass the one redaction rule (lib/security/redact-json.ts) on this path too.
    expect(fresh.experimentRuns.find((r) => r.runId === 'a'.repeat(32))).toMatchObject({ runName: 'fresh-run', status: 'RUNNING', params: { lr: '0.1', db_password: '[redacted]' } });
    cursor = fresh.cursor;

    // The run finishes and an old run is deleted: the index says 'a…' is still running, so it is re-read.
    write(file, "UPDATE runs SET status = 'FINISHED', end_time = ? WHERE run_uuid = ?", Date.now(), 'a'.repeat(32));
    const oldest = idsOf((await drain(createSqliteSource(file, { snapshotRuns: false }).changeFeed(1_000), null)).batches).at(-1)!;
    write(file, "UPDATE runs SET lifecycle_stage = 'deleted' WHERE run_uuid = ?", oldest);
    const running: FeedContext = { runningRunIds: async () => ['a'.repeat(32)] };
    const { batches } = await drain(feed, cursor, running);
    const seen = new Map<string, ExperimentRun>(batches.flatMap((b) => b.experimentRuns).map((r) => [r.runId, r]));
    expect(seen.get('a'.repeat(32))?.status).toBe('FINISHED');
    // The sweep walks the history a page a step: with the 5 groot runs one step reaches the oldest.
    expect(seen.get(oldest)?.deleted).toBe(true);
  });

  it('a run removed from the store (mlflow gc) is missing from the sweep pass, which completes', async () => {
    const file = await grootCopy();
    const feed = createSqliteSource(file, { snapshotRuns: false }).changeFeed(1_000);
    const first = await drain(feed, null);
    const gone = idsOf(first.batches)[1]!;
    write(file, 'DELETE FROM params WHERE run_uuid = ?', gone);
    write(file, 'DELETE FROM tags WHERE run_uuid = ?', gone);
    write(file, 'DELETE FROM latest_metrics WHERE run_uuid = ?', gone);
    write(file, 'DELETE FROM metrics WHERE run_uuid = ?', gone);
    write(file, 'DELETE FROM runs WHERE run_uuid = ?', gone);
    const sweep = await feed.changes(first.cursor, noneRunning);
    expect(sweep.passComplete).toBe(true);
    expect(sweep.pass).toBe(first.batches.at(-1)!.pass + 1);
    expect(sweep.experimentRuns.map((r) => r.runId)).not.toContain(gone);
    expect(sweep.experimentRuns).toHaveLength(4);
  });

  it('pages are bounded: 1,203 runs backfill in steps of 500 and resume from a saved cursor', async () => {
    const file = await grootCopy();
    const base = Date.parse('2026-01-01T00:00:00Z');
    const db = new Database(file);
    const experiment = (db.prepare('SELECT experiment_id FROM runs LIMIT 1').get() as { experiment_id: number }).experiment_id;
    const insert = db.prepare(`INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time,
      source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', '', '', 'ops', 'FINISHED', ?, '', 'active', '', ?)`);
    // Runs sharing a start time are ordered by id, so a page boundary inside them neither skips nor repeats one.
    db.transaction(() => { for (let i = 0; i < 1_198; i++) insert.run(`r${String(i).padStart(5, '0')}`, `run ${i}`, base + Math.floor(i / 3), experiment); })();
    db.close();
    const feed = createSqliteSource(file, { snapshotRuns: false }).changeFeed(1_000);
    const one = await feed.changes(null, noneRunning);
    expect(one.experimentRuns).toHaveLength(500);
    expect(one.caughtUp).toBe(false);
    // Another process resumes from the saved cursor.
    const rest = await drain(createSqliteSource(file, { snapshotRuns: false }).changeFeed(1_000), one.cursor);
    const all = [...idsOf([one]), ...idsOf(rest.batches)];
    expect(all).toHaveLength(1_203);
    expect(new Set(all).size).toBe(1_203);
  });

  it('an unreadable store fails the step with the file named, so the index keeps its runs', async () => {
    const file = await grootCopy();
    const feed = createSqliteSource(file, { snapshotRuns: false }).changeFeed(1_000);
    const { cursor } = await drain(feed, null);
    await fs.writeFile(file, 'not a database'.repeat(400));
    await expect(feed.changes(cursor, noneRunning)).rejects.toThrow(file);
  });
});
