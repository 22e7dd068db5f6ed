import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndex } from '@/lib/index/open';
import type { IndexDatabase } from '@/lib/index/schema';
import { parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { applyChanges } from '@/lib/sync/apply-changes';
import { storeFeedEvents } from '@/lib/sync/store-feed-events';
import { experimentRun, lineageRun, mlflowFacet } from '../join/factories';

const PRODUCER = 'https://example.com/test';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const table = (name: string, version: string) => ({ namespace: 'db', name, facets: { version: { _producer: PRODUCER, _schemaURL: SCHEMA, datasetVersion: version } } });

/** A run's START and COMPLETE as a lineage feed hands them over: reads `input`, writes `output`. */
function feedRun(n: number, input: object, output: object) {
  const base = { producer: PRODUCER, schemaURL: SCHEMA, run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n % 3}` } };
  return [
    JSON.stringify({ ...base, eventType: 'START', eventTime: at(n), inputs: [input], outputs: [] }),
    JSON.stringify({ ...base, eventType: 'COMPLETE', eventTime: at(n + 1), inputs: [input], outputs: [output] }),
  ].map((body) => ({ body, runId: runId(n), eventTimeMs: (parseEventLine(body) as LoadedEvent).time }));
}

// Tables the syncer writes per record: a statement that reads one of them whole costs more with every run indexed.
const GROWING = /^SCAN (runs|run_ids|run_metrics|run_params|evidence|record_datasets|lineage_records|experiment_records|received_events)\b/;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the syncer\'s statements on SQLite', () => {
  it('find what they write and re-join by index, never by reading a whole table', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-scans-'));
    dirs.push(dir);
    const file = path.join(dir, 'index.sqlite');
    await (await openIndex({ kind: 'sqlite', file })).close();
    // The same index, through a Kysely that logs every statement it runs.
    const statements = new Map<string, readonly unknown[]>();
    const database = new Database(file);
    const db = new Kysely<IndexDatabase>({ dialect: new SqliteDialect({ database }), log: (event) => void statements.set(event.query.sql, event.query.parameters) });

    // A local-files feed (events stored, runs rebuilt, producers resolved) and an MLflow feed (records linked to them,
    // with versioned datasets: the dataset rule's candidates), each written twice so updates and re-joins run too.
    // The second round's runs read what the first wrote, so their producers are looked up among its writes.
    for (let round = 0; round < 2; round++) {
      await storeFeedEvents(db, 'sqlite', 'openlineage-files', [1, 2, 3].flatMap((n) => feedRun(n + round * 10, table(round === 0 ? 'raw' : 'clean', `v${n}`), table('clean', `v${n}`))), 1);
      await applyChanges(db, {
        lineageRuns: [lineageRun(runId(90 + round), {
          facets: mlflowFacet(`e${round}`),
          outputs: [{ namespace: 'db', name: 'clean', version: 'v1', facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null }],
        })],
        experimentRuns: [experimentRun(`e${round}`, {
          metrics: { loss: { value: round, step: 1, timestamp: 0 } }, params: { lr: '0.1' }, tags: { 'mlflow.parentRunId': 'e0' },
          datasets: [{ name: 'clean', digest: 'v1', recordedWith: 'log_input', sourceType: null, sourceUri: null, context: 'training', namespace: 'db', olName: 'clean' }],
        })],
        pass: { source: 'mlflow-sqlite', number: 1, complete: round === 1 },
      });
    }
    expect(statements.size).toBeGreaterThan(20);

    const scans: string[] = [];
    const sorted: string[] = [];
    for (const [sql, parameters] of statements) {
      if (!/^\s*(select|update|delete)/i.test(sql)) continue;
      const plan = database.prepare(`explain query plan ${sql}`).all(...parameters) as Array<{ detail: string }>;
      for (const { detail } of plan) if (GROWING.test(detail)) scans.push(`${detail} ← ${sql}`);
      // A dataset's writers and readers (lineage-producers.ts) come in index order: LIMIT stops early, never after sorting them all.
      if (/from "record_datasets"[\s\S]*order by[\s\S]*limit/i.test(sql)) {
        for (const { detail } of plan) if (/TEMP B-TREE/.test(detail)) sorted.push(`${detail} ← ${sql}`);
      }
    }
    expect(scans).toEqual([]);
    expect(sorted).toEqual([]);
    expect([...statements.keys()].filter((sql) => /from "record_datasets"[\s\S]*order by/i.test(sql)).length).toBeGreaterThanOrEqual(2);
    await db.destroy();
  });
});
