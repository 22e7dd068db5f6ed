import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { buildDb, GROOT_DB, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

async function expectUnavailable(file: string, reason: RegExp): Promise<void> {
  const source = createMlflowStoreSource({ kind: 'sqlite', path: file });
  const snapshot = await source.snapshot();
  expect(snapshot.runs.size).toBe(0);
  expect(snapshot.models).toEqual([]);
  const health = await source.health();
  expect(health.status).toBe('unavailable');
  expect(health.error).toContain(file);
  expect(health.error).toMatch(reason);
  expect(await source.metricHistory('x', 'y')).toEqual([]);
}

describe('MLflow SQLite store: files that are not a readable database', () => {
  it('a truncated copy of mlflow.db (first 4 KiB) gives a clear error, no throw', async () => {
    const file = path.join(await tempDir('truncated'), 'mlflow.db');
    const head = (await fs.readFile(GROOT_DB)).subarray(0, 4096);
    await fs.writeFile(file, head);
    await expectUnavailable(file, /database disk image is malformed|file is not a database/);
  });

  it('a text file named mlflow.db gives "file is not a database"', async () => {
    const file = path.join(await tempDir('text'), 'mlflow.db');
    await fs.writeFile(file, 'this is not sqlite\n'.repeat(300));
    await expectUnavailable(file, /file is not a database/);
  });

  it('an empty SQLite file is "not an MLflow tracking database"', async () => {
    const file = path.join(await tempDir('empty'), 'mlflow.db');
    await fs.writeFile(file, '');
    await expectUnavailable(file, /not an MLflow tracking database/);
  });

  it('a missing file is reported, and loaded once it appears', async () => {
    const file = path.join(await tempDir('later'), 'mlflow.db');
    const source = createMlflowStoreSource({ kind: 'sqlite', path: file });
    expect((await source.health()).error).toBe(`${file}: file not found`);
    const before = await source.snapshot();
    await fs.copyFile(GROOT_DB, file);
    const after = await source.snapshot();
    expect(after.runs.size).toBe(5);
    expect(after.version).toBeGreaterThan(before.version);
    expect((await source.health()).status).toBe('ok');
  });
});

const NEW_RUN = 'c0000000000000000000000000000009';

function insertRun(db: Database.Database): void {
  db.prepare(
    `INSERT INTO runs (run_uuid, name, user_id, status, start_time, lifecycle_stage, artifact_uri, experiment_id)
     VALUES (?, 'live', 'ada', 'RUNNING', 1700000100000, 'active', '', 5)`,
  ).run(NEW_RUN);
  db.prepare(`INSERT INTO latest_metrics VALUES ('loss', 0.25, 1700000100500, 3, 0, ?)`).run(NEW_RUN);
}

describe.each(['delete', 'wal'])('MLflow SQLite store: a database written while read (journal_mode=%s)', (mode) => {
  it('keeps the cached snapshot while nothing changes and shows a committed run on the next call', async () => {
    const file = await buildDb('mlflow-3-like.sql');
    const writer = new Database(file);
    writer.pragma(`journal_mode = ${mode}`);
    try {
      const source = createMlflowStoreSource({ kind: 'sqlite', path: file });
      const first = await source.snapshot();
      expect(await source.snapshot()).toBe(first);

      // An open write transaction (MLflow mid-commit) neither blocks the read nor leaks uncommitted rows.
      writer.exec('BEGIN IMMEDIATE');
      insertRun(writer);
      const during = await source.snapshot();
      expect(during.runs.has(NEW_RUN)).toBe(false);
      writer.exec('COMMIT');

      const after = await source.snapshot();
      expect(after.version).toBeGreaterThan(first.version);
      expect(after.runs.get(NEW_RUN)).toMatchObject({ runName: 'live', status: 'RUNNING', metrics: { loss: { step: 3, timestamp: 1700000100500, value: 0.25 } } });
      expect(await source.snapshot()).toBe(after);
    } finally {
      writer.close();
    }
  });
});

describe('MLflow SQLite store: a write lock held longer than the busy timeout', () => {
  it('serves the previous snapshot with a "busy" problem, then catches up', async () => {
    const file = await buildDb('mlflow-3-like.sql');
    const writer = new Database(file);
    try {
      const source = createMlflowStoreSource({ kind: 'sqlite', path: file });
      const first = await source.snapshot();
      insertRun(writer);
      writer.exec('BEGIN EXCLUSIVE');
      writer.prepare(`UPDATE runs SET status = 'FINISHED' WHERE run_uuid = ?`).run(NEW_RUN);
      // One call waits out the 2 s busy timeout, then answers from the last good read.
      const health = await source.health();
      expect(health.counts.runs).toBe(first.runs.size);
      expect(health.error).toBeNull();
      expect(health.problems).toContainEqual({ where: file, message: 'database is busy; showing the previous read' });
      writer.exec('COMMIT');
      expect((await source.snapshot()).runs.get(NEW_RUN)?.status).toBe('FINISHED');
      expect((await source.health()).problems).toEqual([expect.objectContaining({ message: expect.stringContaining('broken-set') })]);
    } finally {
      writer.close();
    }
  }, 15_000);
});
