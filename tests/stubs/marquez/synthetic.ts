import { rngFor } from '../../../scripts/demo-data/prng.mjs';
import { nameUuid } from './uuid';


const PRODUCER = 'https://example.com/runlens/synthetic-bench';
const pad = (n: number): string => String(n).padStart(6, '0');
const dataset = (i: number) => ({ namespace: 'bench-data', name: `bench.dataset_${pad(i)}` });

/**
 * A DAG for benchmarks: the first tenth of the datasets are sources; the others are written,
 * round robin, by one job each; job k reads only sources or datasets of jobs before k, so there is
 * no cycle. About `edges` job↔dataset edges in all (outputs first, the rest as inputs). One run
 * per job: START (with inputs and outputs) then COMPLETE, a minute apart per job.
 */
export function syntheticGraphEvents(jobs: number, datasets: number, edges: number): unknown[] {
  // Same arguments, same graph: the project's seeded generator, one stream per shape.
  const next = rngFor('synthetic-graph', jobs, datasets, edges).next;
  const sources = Math.max(1, Math.floor(datasets / 10));
  const outputsOf: number[][] = Array.from({ length: jobs }, () => []);
  for (let i = sources; i < datasets; i++) outputsOf[(i - sources) % Math.max(1, jobs)]?.push(i);
  const inputEdges = Math.max(jobs, edges - (datasets - sources));
  const available = Array.from({ length: Math.min(sources, datasets) }, (_, i) => i);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const events: unknown[] = [];
  for (let k = 0; k < jobs; k++) {
    const wanted = Math.max(1, Math.round(inputEdges / jobs + (next() - 0.5)));
    const inputs = new Set<number>();
    for (let n = 0; n < wanted * 3 && inputs.size < Math.min(wanted, available.length); n++) {
      inputs.add(available[Math.floor(next() * available.length)] ?? 0);
    }
    const runId = nameUuid(`synthetic-run:${k}`);
    const job = { namespace: 'bench', name: `bench.job_${pad(k)}` };
    const outputs = (outputsOf[k] ?? []).map((i) => ({
      ...dataset(i),
      facets: { schema: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json', fields: [{ name: 'id', type: 'BIGINT' }, { name: 'value', type: 'DOUBLE' }] } },
    }));
    const at = (offsetSeconds: number): string => new Date(start + k * 60_000 + offsetSeconds * 1000).toISOString();
    const base = { producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent', job, run: { runId } };
    events.push({ ...base, eventType: 'START', eventTime: at(0), inputs: [...inputs].sort((a, b) => a - b).map(dataset), outputs });
    events.push({ ...base, eventType: 'COMPLETE', eventTime: at(30), inputs: [], outputs: [] });
    available.push(...(outputsOf[k] ?? []));
  }
  return events;
}
