import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_RUNS_PER_PAGE, jobPageModel, loadJobPageModel } from '@/lib/catalog/job-page-model';
import type { RunIndex } from '@/lib/catalog/run-index';
import { createMarquezSource } from '@/lib/sources/marquez';
import { readWholeMarquez } from '@/tests/unit/sources/marquez/whole-listing';
import type { LineageSource } from '@/lib/sources/ports';
import { startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { loadedIndexOf, withDemoMarquez } from './catalog-index';

// The demo's three nightly executions served by the stub Marquez; the job page takes each run's exact
// input versions from the runs' own events, in one batch, and says so (or says why it cannot).
const JOB = { namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' };
const LABELS = ['e3.deduplication', 'e2.deduplication', 'e1.deduplication'];
const EVENTS_PATH = '/api/v1/events/lineage';

let stub: MarquezStub;
let source: LineageSource;
let index: RunIndex;
let manifest: DemoManifest;
let failingEvents: Server;
let failingUrl: string;

/** Forwards to the stub, except that the lineage events endpoint answers 500 like a broken Marquez. */
function startFailingEventsProxy(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === EVENTS_PATH) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 500, message: 'There was an error processing your request.' }));
      return;
    }
    void fetch(`${target}${req.url ?? '/'}`).then(async (answer) => {
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
    }).catch(() => res.writeHead(502).end());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

withDemoMarquez((demo) => ({ index, manifest, stub, source } = demo));
beforeAll(async () => {
  failingEvents = await startFailingEventsProxy(stub.url);
  failingUrl = `http://127.0.0.1:${(failingEvents.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => failingEvents.close(resolve));
});

const run = (label: string) => manifest.runs.find((r) => r.label === label)!;
const versionsRead = (model: NonNullable<ReturnType<typeof jobPageModel>>) => model.runs.map((r) => r.inputs.map((i) => i.version));

describe('job page model with Marquez as the lineage source', () => {
  it("shows each run's exact input version from its own events, labelled with that basis", async () => {
    const model = (await loadJobPageModel(index, JOB, 1, [source]))!;
    expect(model.runs.map((r) => r.id)).toEqual(LABELS.map((l) => run(l).openlineage!.runId));
    expect(versionsRead(model)).toEqual(LABELS.map((l) => [run(l).input!.version]));
    expect(model.runs.map((r) => r.versionBasis)).toEqual(['own-events', 'own-events', 'own-events']);
    expect(model.runs[0]!.versionLabel).toBe("from the run's own events");
    expect(model.versionNote).toContain("run's own OpenLineage events");
    expect(model.versionProblems).toEqual([]);
  });

  it('without the lookup, the snapshot has no exact versions to show for Marquez runs', () => {
    const model = jobPageModel(index, JOB)!;
    expect(versionsRead(model)).toEqual([[null], [null], [null]]);
    expect(model.runs.map((r) => r.versionBasis)).toEqual(['as-loaded', 'as-loaded', 'as-loaded']);
    expect(model.versionNote).toBeNull();
  });

  it('asks for the page in a few events queries and no per-run lookups', async () => {
    const fresh = createMarquezSource({ url: stub.url });
    const before = stub.requests.length;
    await loadJobPageModel(index, JOB, 1, [fresh]);
    const sent = stub.requests.slice(before);
    const events = sent.filter((r) => r.path === EVENTS_PATH);
    expect(events.length).toBeGreaterThan(0);
    // Three nightly runs days apart: at most one query per (merged) window, never more than 3 in all.
    expect(events.length).toBeLessThanOrEqual(3);
    expect(sent.filter((r) => r.path.startsWith('/api/v1/jobs/runs/'))).toEqual([]);
    expect(sent.length).toBe(events.length);
  });

  it('says so when the events endpoint fails, and shows no possibly wrong version', async () => {
    const broken = createMarquezSource({ url: failingUrl, retries: 0 });
    const model = (await loadJobPageModel(index, JOB, 1, [broken]))!;
    expect(model.runs).toHaveLength(3);
    expect(model.runs.map((r) => r.versionBasis)).toEqual(['unavailable', 'unavailable', 'unavailable']);
    expect(versionsRead(model)).toEqual([[null], [null], [null]]);
    expect(model.runs[0]!.versionProblem).toContain('marquez could not give');
    expect(model.versionProblems).toHaveLength(1);
    expect(model.versionProblems[0]).toMatch(/marquez could not give the runs' own events \(.*500.*\)/);
    expect(model.versionNote).toBeNull();
  });
});

// A nightly job with more runs than one page: only the page shown is looked up.
const NIGHTS = JOB_RUNS_PER_PAGE + 5;
const NIGHTLY = { namespace: 'nightly', name: 'nightly.score' };
const PRODUCER = 'https://example.com/runlens/job-page-test';

function nightlyEvents(): unknown[] {
  const events: unknown[] = [];
  for (let night = 0; night < NIGHTS; night++) {
    const at = (minutes: number) => new Date(Date.parse('2026-10-01T02:00:00Z') + night * 86_400_000 + minutes * 60_000).toISOString();
    const runId = `00000000-0000-4000-8000-${String(night).padStart(12, '0')}`;
    const input = { namespace: 's3://nightly', name: 'scores', facets: { version: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json', datasetVersion: `night-${night}` } } };
    const base = { producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent', job: NIGHTLY, run: { runId } };
    events.push({ ...base, eventType: 'START', eventTime: at(0), inputs: [input], outputs: [] });
    events.push({ ...base, eventType: 'COMPLETE', eventTime: at(5), inputs: [input], outputs: [] });
  }
  return events;
}

describe('job page paging with Marquez', () => {
  let nightly: MarquezStub;
  let nightlySource: LineageSource;
  let nightlyIndex: RunIndex;
  beforeAll(async () => {
    nightly = await startMarquezStub({ events: nightlyEvents() });
    nightlySource = createMarquezSource({ url: nightly.url });
    nightlyIndex = await loadedIndexOf([await readWholeMarquez(nightly.url)], []);
  });
  afterAll(() => nightly.close());

  it('looks up only the newest page of runs, in at most three events queries, and pages on to the older runs', async () => {
    const before = nightly.requests.length;
    const first = (await loadJobPageModel(nightlyIndex, NIGHTLY, 1, [nightlySource]))!;
    const queries = nightly.requests.slice(before).filter((r) => r.path === EVENTS_PATH).map((r) => new URLSearchParams(r.query));
    expect(first.totalRuns).toBe(NIGHTS);
    expect(first.runs).toHaveLength(JOB_RUNS_PER_PAGE);
    expect(versionsRead(first)).toEqual(Array.from({ length: JOB_RUNS_PER_PAGE }, (_, i) => [`night-${NIGHTS - 1 - i}`]));
    expect(new Set(queries.map((q) => `${q.get('after')}/${q.get('before')}`)).size).toBeLessThanOrEqual(3);
    // Nothing before the oldest run on the page was asked for.
    const oldestShown = Date.parse('2026-10-01T02:00:00Z') + (NIGHTS - JOB_RUNS_PER_PAGE) * 86_400_000;
    expect(Math.min(...queries.map((q) => Date.parse(q.get('after')!)))).toBeGreaterThan(oldestShown - 86_400_000);
    expect(first.paging).toMatchObject({ page: 1, pages: 2, newerHref: null, olderHref: '/jobs/nightly/nightly.score?page=2' });

    const second = (await loadJobPageModel(nightlyIndex, NIGHTLY, 2, [nightlySource]))!;
    expect(versionsRead(second)).toEqual([4, 3, 2, 1, 0].map((n) => [`night-${n}`]));
    expect(second.paging).toMatchObject({ page: 2, newerHref: '/jobs/nightly/nightly.score', olderHref: null });
  });
});
