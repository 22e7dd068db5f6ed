import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonObject, openLineageValidator, openReadonly, readEventFiles, RUN_EVENT, tempDir } from './helpers';

const RUNS = 12; // two full executions (parent + 4 stages) and two runs of a third
let dir: string;
let stdout: string;

beforeAll(() => {
  dir = tempDir();
  const res = spawnSync(process.execPath, [path.join('scripts', 'bench', 'generate-data.mjs'), dir, '--runs', String(RUNS)], { encoding: 'utf8' });
  expect(res.status, res.stderr).toBe(0);
  stdout = res.stdout;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('bench data generator', () => {
  it('writes N runs with 100 metric points each, linked by uuid to 4 events per run', () => {
    const db = openReadonly(path.join(dir, 'mlflow.db'));
    try {
      const count = (sql: string) => db.prepare(sql).pluck().get();
      expect(count('SELECT count(*) FROM runs')).toBe(RUNS);
      expect(count('SELECT count(*) FROM metrics')).toBe(RUNS * 100);
      expect(count('SELECT count(DISTINCT run_uuid) FROM latest_metrics')).toBe(RUNS);
      expect(count('SELECT count(DISTINCT destination_id) FROM inputs')).toBe(RUNS - 3); // parents log no datasets
      const runIds = new Set(db.prepare('SELECT run_uuid FROM runs').pluck().all() as string[]);
      const events = readEventFiles(path.join(dir, 'openlineage'));
      expect(events).toHaveLength(RUNS * 4);
      const validate = openLineageValidator().getSchema(RUN_EVENT)!;
      for (const [file, text] of events) {
        expect(file).toMatch(/^\d{4}-\d{2}-\d{2}\/events-\d{8}-\d{6}\.\d{6}\.json$/);
        const event = JSON.parse(text) as JsonObject;
        expect(validate(event), file).toBe(true);
        expect(runIds.has(((event.run as JsonObject).runId as string).replace(/-/g, ''))).toBe(true);
      }
    } finally {
      db.close();
    }
    expect(stdout).toContain(`${RUNS} runs, ${RUNS * 100} metric points`);
  });
});
