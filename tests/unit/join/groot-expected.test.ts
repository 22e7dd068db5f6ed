import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { joinRuns } from '@/lib/join';
import { createMlflowStoreSource, type MlflowStoreLocation } from '@/lib/sources/mlflow-store';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';

const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');

const joinsSchema = z.object({
  joins: z.array(z.object({ openlineage_run_id: z.string(), mlflow_run_id: z.string(), rule: z.string(), rules: z.array(z.string()) })),
  unmatched: z.object({ openlineage_only: z.array(z.string()), mlflow_only: z.array(z.string()) }),
  openlineage_runs: z.array(z.object({ openlineage_run_id: z.string(), parent_run_id: z.string().nullable() })),
});
const expectedSchema = joinsSchema.extend({ file_store: joinsSchema });
const expected = expectedSchema.parse(JSON.parse(fs.readFileSync(path.join(groot, 'EXPECTED.json'), 'utf8')));

async function joined(events: string, mlflow: MlflowStoreLocation) {
  const [lineage, experiment] = await Promise.all([
    createOpenLineageFileSource([events], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource(mlflow).snapshot(),
  ]);
  return joinRuns([...lineage.runs.values()], [...experiment.runs.values()]);
}

const passes = [
  { name: 'server pass: events + mlflow.db', events: path.join(groot, 'openlineage', 'events'), mlflow: { kind: 'sqlite', path: path.join(groot, 'mlflow-server', 'mlflow.db') } as const, expected },
  { name: 'file-store pass: events.ndjson + mlruns/', events: path.join(groot, 'openlineage-file-mode', 'events.ndjson'), mlflow: { kind: 'file', path: path.join(groot, 'mlruns') } as const, expected: expected.file_store },
];

describe.each(passes)('groot scenario joins as EXPECTED.json says ($name)', ({ events, mlflow, expected: want }) => {
  it('pairs every run with its partner by the expected rule, recording every rule that holds', async () => {
    const runs = await joined(events, mlflow);
    expect(runs.filter((r) => r.link !== null)).toHaveLength(want.joins.length);
    for (const join of want.joins) {
      const run = runs.find((r) => r.lineage?.runId === join.openlineage_run_id);
      expect(run?.experiment?.runId).toBe(join.mlflow_run_id);
      expect(run?.link?.rule).toBe(join.rule);
      expect(run?.link?.rules).toEqual(join.rules);
      expect(run?.link?.conflicts).toEqual([]);
    }
  });

  it('leaves unmatched exactly the runs EXPECTED.json lists, and nests stages under the pipeline', async () => {
    const runs = await joined(events, mlflow);
    expect(runs.filter((r) => !r.experiment).map((r) => r.lineage?.runId)).toEqual(want.unmatched.openlineage_only);
    expect(runs.filter((r) => !r.lineage).map((r) => r.experiment?.runId)).toEqual(want.unmatched.mlflow_only);
    for (const ol of want.openlineage_runs) {
      expect(runs.find((r) => r.id === ol.openlineage_run_id)?.parentId ?? null).toBe(ol.parent_run_id);
    }
  });
});
