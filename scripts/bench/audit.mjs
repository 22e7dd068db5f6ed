// Audit report bench (issue: reproducibility, §5): the audit of a run whose upstream chain is 50 runs deep
// with 5 inputs each, against the stub Marquez and the stub MLflow, both answering after 50 ms. Prints the
// wall time and the requests per kind beside the floor of a level-by-level walk: depth × 50 ms.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashed, rngFor } from '../demo-data/prng.mjs';
import { importTs, median, table, waitFor } from './measure.mjs';
import { startIsolatedServer } from './isolated-server.mjs';

const DEPTH = 50;
const WIDTH = 5;
const LATENCY_MS = 50;
const WARM_ROUNDS = 3;
const PRODUCER = 'https://example.com/runlens/audit-bench';
const NAMESPACE = 'audit-bench';
const DATA = 's3://audit-bench';

const versionFacet = (version) => ({ version: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json', datasetVersion: version } });
const stageData = (j, level) => ({ namespace: DATA, name: `stage_${j}`, facets: versionFacet(`v${level}-${j}`) });
const rawData = (j) => ({ namespace: DATA, name: `raw_${j}`, facets: versionFacet(`raw-${j}`) });

/**
 * Five jobs run once per level, oldest level first: at level k, job j writes version `v<k>-<j>` of
 * `stage_<j>` and reads the five versions level k+1 wrote (level DEPTH reads five raw datasets). The
 * audited run reads level 1's versions, so its chain is DEPTH runs deep with WIDTH inputs each.
 */
export function auditChainEvents(depth = DEPTH, width = WIDTH) {
  const rng = rngFor('audit-bench', depth, width);
  const start = Date.parse('2026-02-01T00:00:00Z');
  const events = [];
  let minute = 0;
  // One level's runs start together (all read), then complete (all write), a minute per level.
  const level = (runs) => {
    const at = (seconds) => new Date(start + minute * 60_000 + seconds * 1000).toISOString();
    const made = runs.map(({ job, inputs, outputs }) => ({
      inputs, outputs, runId: dashed(rng.uuidHex()),
      base: { producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent', job: { namespace: NAMESPACE, name: job } },
    }));
    made.forEach((r, i) => events.push({ ...r.base, run: { runId: r.runId }, eventType: 'START', eventTime: at(i), inputs: r.inputs, outputs: [] }));
    made.forEach((r, i) => events.push({ ...r.base, run: { runId: r.runId }, eventType: 'COMPLETE', eventTime: at(20 + i), inputs: r.inputs, outputs: r.outputs }));
    minute++;
    return made.map((r) => r.runId);
  };
  for (let k = depth; k >= 1; k--) {
    level(Array.from({ length: width }, (_, j) => ({
      job: `stage_${j + 1}`,
      inputs: Array.from({ length: width }, (_, i) => (k === depth ? rawData(i + 1) : stageData(i + 1, k + 1))),
      outputs: [stageData(j + 1, k)],
    })));
  }
  const [subject] = level([{ job: 'audited', inputs: Array.from({ length: width }, (_, i) => stageData(i + 1, 1)), outputs: [{ namespace: DATA, name: 'report', facets: versionFacet('r1') }] }]);
  return { events, subject };
}

function requestKind(r) {
  if (r.path.endsWith('/runlineage/upstream')) return 'upstream';
  if (r.path.endsWith('/events/lineage')) return 'events';
  if (/\/runs\/[^/]+$/.test(r.path)) return 'run';
  if (r.path.includes('/versions')) return 'dataset versions';
  if (/\/datasets\/[^/]+$/.test(r.path)) return 'dataset';
  return 'snapshot';
}

function countKinds(requests) {
  const counts = {};
  for (const r of requests) counts[requestKind(r)] = (counts[requestKind(r)] ?? 0) + 1;
  return counts;
}

async function timedAudit(base, id, stub, mlflow) {
  const before = stub.requests.length;
  const mlflowBefore = mlflow.requests.length;
  const started = performance.now();
  const response = await fetch(`${base}/api/audit/${id}?format=json`);
  const report = await response.json();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`/api/audit/${id} answered ${response.status}: ${JSON.stringify(report).slice(0, 300)}`);
  const sent = stub.requests.slice(before);
  return { ms, report, counts: countKinds(sent), mlflow: mlflow.requests.length - mlflowBefore, timeline: sent };
}

export async function benchAudit(root) {
  const { startMarquezStub } = await importTs(root, 'tests/stubs/marquez/index.ts');
  const { startMlflowStub } = await importTs(root, 'tests/stubs/mlflow/index.ts');
  const { events, subject } = auditChainEvents();
  const marquez = await startMarquezStub({ events, latencyMs: LATENCY_MS });
  const mlflow = await startMlflowStub({ latencyMs: LATENCY_MS });
  const port = Number(process.env.BENCH_AUDIT_PORT ?? 3220);
  const base = `http://127.0.0.1:${port}`;
  const server = startIsolatedServer(root, port, { MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, OPENLINEAGE_EVENTS: '' });
  try {
    await waitFor(base);
    await fetch(`${base}/api/runs?limit=1`); // loads both snapshots, so the audit is measured alone
    const cold = await timedAudit(base, subject, marquez, mlflow);
    const warm = [];
    for (let i = 0; i < WARM_ROUNDS; i++) warm.push(await timedAudit(base, subject, marquez, mlflow));
    const chain = cold.report.upstream.runs;
    const deepest = Math.max(0, ...chain.map((r) => r.depth));
    const unversioned = chain.flatMap((r) => r.inputs).filter((d) => d.version === null).length;
    const rounds = /in (\d+) round/.exec(cold.report.upstream.basis)?.[1] ?? '?';
    const floor = DEPTH * LATENCY_MS;
    const kinds = (c) => Object.entries(c).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`\nAudit report — a chain ${DEPTH} runs deep, ${WIDTH} inputs each (${DEPTH * WIDTH} upstream runs), stub Marquez + stub MLflow at ${LATENCY_MS} ms per request\n`);
    console.log(table([
      ['measure', 'Runlens', 'floor', 'ratio'],
      ['audit, first (cold: exact runs not cached)', `${cold.ms.toFixed(0)} ms`, `depth × ${LATENCY_MS} ms = ${floor} ms`, `${(cold.ms / floor).toFixed(2)}×`],
      [`audit, warm (median of ${WARM_ROUNDS})`, `${median(warm.map((w) => w.ms)).toFixed(0)} ms`, `${floor} ms`, `${(median(warm.map((w) => w.ms)) / floor).toFixed(2)}×`],
      ['  rounds of batched requests (cold)', rounds, `${DEPTH} (one per level)`, ''],
      ['  upstream requests (cold)', String(cold.counts.upstream ?? 0), `≤ ${DEPTH} (one per level; per run: ${DEPTH * WIDTH})`, ''],
      ['  all Marquez requests (cold)', kinds(cold.counts), '', ''],
      ['  all Marquez requests (warm)', kinds(warm[0].counts), '', ''],
      ['  MLflow requests (cold / warm)', `${cold.mlflow} / ${warm[0].mlflow}`, '', ''],
      ['  chain found', `${chain.length} runs, ${deepest} deep, ${unversioned} inputs without version`, `${DEPTH * WIDTH} runs, ${DEPTH} deep, 0`, ''],
    ]));
  } finally {
    await server.stop();
    await marquez.close();
    await mlflow.close();
  }
}

// `node scripts/bench/audit.mjs` runs this bench alone (needs a production build).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchAudit(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'));
}
