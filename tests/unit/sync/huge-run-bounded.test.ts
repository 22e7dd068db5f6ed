import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexDatabase } from '@/lib/index/schema';
import { openIndex, type OpenIndex } from '@/lib/index/open';
import { STORED_INPUTS } from '@/lib/index/payload';
import { pageOfRuns } from '@/lib/index/run-page';
import { sqlRunStore } from '@/lib/catalog/run-store';
import type { RunIndex } from '@/lib/catalog/run-index';
import { withInputsAt } from '@/lib/catalog/run-inputs-block';
import { runPageModel } from '@/lib/catalog/run-page-model';
import { resolveRun } from '@/lib/catalog/run-lookup';
import { API_LIST_LIMIT, toApiRun } from '@/lib/catalog/serialize';
import { LIST_LIMIT } from '@/lib/model/bounded-list';
import { inputsWindow } from '@/lib/model/inputs-window';
import { parseEventLine, type LoadedEvent } from '@/lib/openlineage/parse-text';
import type { FeedLineageEvent } from '@/lib/sources/ports';
import { storeFeedEvents } from '@/lib/sync/store-feed-events';
import { applyChanges } from '@/lib/sync/apply-changes';
import { runsByIds } from '@/lib/index/run-rows';
import { experimentRun } from '../join/factories';

const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const INPUTS = 100_000;

/** A COMPLETE event of run n reading `inputs` (versioned) and writing `outputs`, at `minute`. */
const complete = (n: number, minute: number, inputs: object[], outputs: object[]) => JSON.stringify({
  eventType: 'COMPLETE', eventTime: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(), producer: 'https://example.com/test', schemaURL: SCHEMA,
  run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs, outputs,
});
const versioned = (i: number) => ({ namespace: 'wide', name: `in-${i}`, facets: { version: { _producer: 'x', _schemaURL: 'x', datasetVersion: `v-${i}` } } });
const feedEvent = (body: string): FeedLineageEvent => ({ body, runId: (JSON.parse(body) as { run: { runId: string } }).run.runId, eventTimeMs: (parseEventLine(body) as LoadedEvent).time });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-bounded-'));
let index: OpenIndex;
afterAll(async () => {
  await index?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`a run reading ${INPUTS.toLocaleString('en-US')} datasets, indexed`, () => {
  it('is stored with its first inputs and how many it read, and every input is still paged through, in order', async () => {
    index = await openIndex({ kind: 'sqlite', file: path.join(dir, 'index.sqlite') });
    // Run 1 writes the version of the 50,000th input run 2 reads: its producer is kept past the stored inputs.
    await storeFeedEvents(index.db, 'sqlite', 'openlineage-files', [feedEvent(complete(1, 0, [], [versioned(50_000)]))], 1);
    await storeFeedEvents(index.db, 'sqlite', 'openlineage-files', [feedEvent(complete(2, 10, Array.from({ length: INPUTS }, (_, i) => versioned(i)), []))], 1);

    const record = await index.db.selectFrom('lineage_records').select('payload').where('run_id', '=', runId(2)).executeTakeFirstOrThrow();
    // Before: 24 MB, all 100,000 inputs with their facets.
    expect(record.payload.length).toBeLessThan(500_000);
    const stored = JSON.parse(record.payload) as { inputs: unknown[]; inputsTotal: number };
    expect(stored.inputs).toHaveLength(STORED_INPUTS);
    expect(stored.inputsTotal).toBe(INPUTS);

    const page = await pageOfRuns(index.db, 'sqlite', { limit: 10, after: null, sort: { kind: 'time', descending: true } });
    const run = page.runs.find((r) => r.lineage?.runId === runId(2))!;
    expect(run.lineage!.inputs).toHaveLength(STORED_INPUTS);
    // A list says how many the run read, not how many its record keeps.
    expect(toApiRun(run, false).lineage).toMatchObject({ inputsOffset: 0, inputsTotal: INPUTS });

    const store = sqlRunStore(index);
    const names = async (offset: number, limit: number) => inputsWindow(await store.inputsBlock(run.lineage!, offset, limit), offset, limit).items.map((d) => d.name);
    expect(await names(0, LIST_LIMIT)).toEqual(Array.from({ length: LIST_LIMIT }, (_, i) => `in-${i}`));
    // Across the end of the stored inputs, and the last page.
    expect(await names(STORED_INPUTS - 100, LIST_LIMIT)).toEqual(Array.from({ length: LIST_LIMIT }, (_, i) => `in-${STORED_INPUTS - 100 + i}`));
    expect(await names(INPUTS - 50, LIST_LIMIT)).toEqual(Array.from({ length: 50 }, (_, i) => `in-${INPUTS - 50 + i}`));

    const block = await store.inputsBlock(run.lineage!, 49_990, LIST_LIMIT);
    const window = inputsWindow(block, 49_990, LIST_LIMIT);
    expect(window).toMatchObject({ offset: 49_990, shown: LIST_LIMIT, total: INPUTS });
    expect(window.items[10]).toMatchObject({ name: 'in-50000', version: 'v-50000', producedByRunId: runId(1) });

    // The run page: 200 from the offset asked, saying what a row past the stored inputs leaves out.
    const view: RunIndex = { store, loaded: new Map(), lookup: new Map(), jobs: new Map(), datasets: new Map(), experiment: [], failures: [], warnings: [], sync: [] };
    const first = runPageModel(view, await withInputsAt(view, run, 0, LIST_LIMIT), { inputs: 0 });
    expect(first.windows.inputs).toMatchObject({ offset: 0, shown: LIST_LIMIT, total: INPUTS });
    expect(first.inputsNote).toBeNull();
    const later = runPageModel(view, await withInputsAt(view, run, 60_000, LIST_LIMIT), { inputs: 60_000 });
    expect(later.windows.inputs).toMatchObject({ offset: 60_000, shown: LIST_LIMIT, total: INPUTS });
    expect(later.datasets.inputs.map((d) => d.name)).toEqual(Array.from({ length: LIST_LIMIT }, (_, i) => `in-${60_000 + i}`));
    expect(later.inputsNote).toMatch(/first 1,000 inputs/);

    // Compare and audit take the resolved run: its whole list, read back in order.
    const resolved = await resolveRun(view, run.id);
    expect(resolved?.run.lineage?.inputs).toHaveLength(INPUTS);
    expect(resolved?.run.lineage?.inputs.map((d) => d.name).filter((name, i) => name !== `in-${i}`)).toEqual([]);
    expect(resolved?.run.lineage?.inputs[99_999]).toMatchObject({ version: 'v-99999' });
    // The run page and /api/runs/<id> resolve it with the inputs its record keeps, then read the block they show.
    const shown = await resolveRun(view, run.id, undefined, 'stored');
    expect(shown?.run.lineage).toMatchObject({ inputsTotal: INPUTS });
    expect(shown?.run.lineage?.inputs).toHaveLength(STORED_INPUTS);
    const shownLater = runPageModel(view, await withInputsAt(view, shown!.run, 60_000, LIST_LIMIT), { inputs: 60_000 });
    expect(shownLater.datasets.inputs.map((d) => d.name)).toEqual(later.datasets.inputs.map((d) => d.name));

    const api = toApiRun({ ...run, lineage: await store.inputsBlock(run.lineage!, 99_500, API_LIST_LIMIT) }, true, { inputs: 99_500 });
    expect(api.lineage).toMatchObject({ inputsOffset: 99_500, inputsTotal: INPUTS });
    expect(api.lineage!.inputs.map((d) => d.name)).toEqual(Array.from({ length: 500 }, (_, i) => `in-${99_500 + i}`));
  }, 120_000);

  it('is linked by the dataset rule through an input its record left out, its rows compared a range at a time', async () => {
    const file = path.join(dir, 'join.sqlite');
    await (await openIndex({ kind: 'sqlite', file })).close();
    const statements: string[] = [];
    const db = new Kysely<IndexDatabase>({ dialect: new SqliteDialect({ database: new Database(file) }), log: (event) => void statements.push(event.query.sql) });
    try {
      const inputs = 12_000;
      const shared = 11_000;
      const at = Date.UTC(2026, 0, 1, 0, 10);
      const logged = experimentRun('exp-1', {
        startTime: at - 60_000, endTime: at,
        datasets: [{ name: `wide/in-${shared}`, digest: `v-${shared}`, recordedWith: 'log_input', sourceType: null, sourceUri: null, context: 'input', namespace: 'wide', olName: `in-${shared}` }],
      });
      await applyChanges(db, { experimentRuns: [logged] });
      statements.length = 0;
      await storeFeedEvents(db, 'sqlite', 'openlineage-files', [feedEvent(complete(3, 10, Array.from({ length: inputs }, (_, i) => versioned(i)), []))], 1);
      const rows = await db.selectFrom('runs').select('id').execute();
      const [run] = await runsByIds(db, rows.map((r) => r.id).filter((id) => id !== null));
      expect(rows).toHaveLength(1);
      expect(run?.link?.rule).toBe('dataset');
      expect(run?.link?.detail).toContain(`wide/in-${shared}@v-${shared}`);
      // What the join wrote of the run is its record: still the first inputs and the count.
      expect(run?.lineage?.inputs).toHaveLength(STORED_INPUTS);
      // The run's 12,000 rows were compared with the experiment records' in ranges of positions, not in one statement.
      const compared = statements.filter((s) => /from "record_datasets" as "mine"/i.test(s) && /"mine"\."side" = \?/.test(s));
      expect(compared.filter((s) => /"mine"\."position" >= \?/.test(s)).length).toBeGreaterThanOrEqual(3);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it('has its rows written a thousand per statement, each exactly as its input says', async () => {
    const file = path.join(dir, 'rows.sqlite');
    await (await openIndex({ kind: 'sqlite', file })).close();
    const statements: string[] = [];
    const db = new Kysely<IndexDatabase>({ dialect: new SqliteDialect({ database: new Database(file) }), log: (event) => void statements.push(event.query.sql) });
    try {
      const inputs = Array.from({ length: 10_000 }, (_, i) => (i === 7_777 ? { namespace: 'wide', name: 'in-é😀 "quoted"' } : versioned(i)));
      await storeFeedEvents(db, 'sqlite', 'openlineage-files', [feedEvent(complete(5, 10, inputs, [versioned(-1)]))], 1);
      expect(statements.filter((s) => /^insert into "?record_datasets"?/i.test(s.trim())).length).toBeLessThanOrEqual(10_000 / 1_000 + 1);
      const rows = await db.selectFrom('record_datasets').selectAll().where('direction', '=', 'input').orderBy('position').execute();
      expect(rows).toHaveLength(10_000);
      expect(rows[7_777]).toMatchObject({ side: 'lineage', source: 'openlineage-files', namespace: 'wide', name: 'in-é😀 "quoted"', version: null, position: 7_777, produced_by_run_id: null });
      expect(rows[9_999]).toMatchObject({ name: 'in-9999', version: 'v-9999', position: 9_999, direction: 'input', started_ms: Date.UTC(2026, 0, 1, 0, 10) });
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
