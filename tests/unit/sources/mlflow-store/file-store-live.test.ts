import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { SETTLED_ROTATION } from '@/lib/sources/mlflow-store/file-store/scan';
import { createFileStoreSource } from '@/lib/sources/mlflow-store/file-store/source';
import { copyTree, FIXTURES, GROOT_MLRUNS, removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

const R1 = 'e1000000000000000000000000000001';
const NEW_RUN = 'f0000000000000000000000000000001';

async function writeRun(experimentDir: string, runId: string, status: number): Promise<void> {
  const dir = path.join(experimentDir, runId);
  await fs.mkdir(path.join(dir, 'metrics'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'meta.yaml'),
    `experiment_id: '7'\nlifecycle_stage: active\nrun_name: fresh\nrun_uuid: ${runId}\nstart_time: 1700000100000\nstatus: ${status}\nuser_id: ada\n`,
  );
  await fs.writeFile(path.join(dir, 'metrics', 'loss'), '1700000100100 0.9 0\n');
}

describe('MLflow file store: a store that changes while read', () => {
  it('checks at most once per second, then shows a new run without a restart', async () => {
    const root = await copyTree(path.join(FIXTURES, 'mlruns-edge'), 'mlruns-live');
    const source = createMlflowStoreSource({ kind: 'file', path: root });
    const first = await source.snapshot();
    await writeRun(path.join(root, '7'), NEW_RUN, 3);
    // Within the second the cached snapshot is served as is.
    expect(await source.snapshot()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const after = await source.snapshot();
    expect(after.version).toBeGreaterThan(first.version);
    expect(after.runs.get(NEW_RUN)).toMatchObject({ runName: 'fresh', status: 'FINISHED', metrics: { loss: { step: 0, value: 0.9 } } });
  });

  it('keeps the same snapshot when nothing changed, and re-reads only what did', async () => {
    const root = await copyTree(path.join(FIXTURES, 'mlruns-edge'), 'mlruns-live');
    const source = createFileStoreSource(root, { checkIntervalMs: 0 });
    const first = await source.snapshot();
    expect(await source.snapshot()).toBe(first);

    // Appending to a metric of a RUNNING run touches only that file.
    await fs.appendFile(path.join(root, '7', R1, 'metrics', 'fields'), '1700000002000 0.8 3\n');
    const appended = await source.snapshot();
    expect(appended.version).toBe(first.version + 1);
    expect(appended.runs.get(R1)?.metrics['fields']).toEqual({ timestamp: 1700000002000, value: 0.8, step: 3 });
    // Unchanged runs are reused as read, not re-read.
    const deleted = 'e3000000000000000000000000000003';
    expect(appended.runs.get(deleted)?.params).toBe(first.runs.get(deleted)?.params);

    // A fixed meta.yaml brings the skipped run back on the next scan (problem runs are re-read every scan).
    const strange = path.join(root, '7', 'e4000000000000000000000000000004', 'meta.yaml');
    await fs.writeFile(strange, 'experiment_id: "7"\nstatus: 3\nrun_name: strange\n');
    expect((await source.snapshot()).runs.get('e4000000000000000000000000000004')?.status).toBe('FINISHED');
    const health = await source.health();
    expect(health.problems.some((p) => p.where.includes('e4000000000000000000000000000004'))).toBe(false);

    // A tag added to a finished run shows within SETTLED_ROTATION scans (finished runs are checked in turn).
    await fs.mkdir(path.join(root, '7', deleted, 'tags'));
    await fs.writeFile(path.join(root, '7', deleted, 'tags', 'reviewed'), 'yes');
    let scans = 0;
    while (scans < SETTLED_ROTATION && !(await source.snapshot()).runs.get(deleted)?.tags['reviewed']) scans += 1;
    expect(scans).toBeLessThan(SETTLED_ROTATION);
    expect((await source.snapshot()).runs.get(deleted)?.tags).toEqual({ reviewed: 'yes' });

    // A new alias in the registry is picked up.
    await fs.writeFile(path.join(root, 'models', 'm1', 'aliases', 'canary'), '1');
    expect((await source.snapshot()).models[0]?.aliases).toEqual({ prod: '2', old: '1', canary: '1' });
  });

  it('heals a file caught half-written: an input folder whose meta.yaml appears later', async () => {
    const root = await copyTree(path.join(FIXTURES, 'mlruns-edge'), 'mlruns-live');
    const source = createFileStoreSource(root, { checkIntervalMs: 0 });
    const inputDir = path.join(root, '7', 'e3000000000000000000000000000003', 'inputs', 'late');
    await fs.mkdir(inputDir, { recursive: true });
    const before = await source.health();
    expect(before.problems).toContainEqual({ where: path.join(inputDir, 'meta.yaml'), message: 'missing meta.yaml; input skipped' });
    // Writing the file inside the existing folder changes no folder the run's stamp looks at.
    await fs.writeFile(path.join(inputDir, 'meta.yaml'), 'source_type: DATASET\nsource_id: ds1\ntags:\n  mlflow.data.context: training\n');
    const after = await source.snapshot();
    expect(after.runs.get('e3000000000000000000000000000003')?.datasets).toEqual([expect.objectContaining({ name: 'local-csv', context: 'training' })]);
    expect((await source.health()).problems.some((p) => p.where.startsWith(inputDir))).toBe(false);
  });

  it('turns an unreadable run into a problem of that run only', async () => {
    const root = await copyTree(path.join(FIXTURES, 'mlruns-edge'), 'mlruns-live');
    const broken = path.join(root, '7', 'f0000000000000000000000000000002');
    // A folder where meta.yaml should be: reading it fails with EISDIR, an I/O error rather than "missing".
    await fs.mkdir(path.join(broken, 'meta.yaml'), { recursive: true });
    const source = createFileStoreSource(root, { checkIntervalMs: 0 });
    const health = await source.health();
    expect(health.error).toBeNull();
    expect(health.counts.runs).toBe(3);
    expect(health.problems).toContainEqual({ where: broken, message: expect.stringMatching(/EISDIR.*; run skipped$/) });
  });

  it('reports a missing root as unavailable and loads it once it exists', async () => {
    const root = path.join(await tempDir('mlruns-later'), 'mlruns');
    const source = createFileStoreSource(root, { checkIntervalMs: 0 });
    const health = await source.health();
    expect(health).toMatchObject({ status: 'unavailable', error: `${root}: directory not found` });
    expect((await source.snapshot()).runs.size).toBe(0);
    await fs.cp(GROOT_MLRUNS, root, { recursive: true });
    expect((await source.snapshot()).runs.size).toBe(5);
    expect((await source.health()).status).toBe('ok');
  });

  it('reports a file given as the root as "not a directory"', async () => {
    const file = path.join(await tempDir('mlruns-file'), 'mlruns');
    await fs.writeFile(file, 'not a folder');
    expect((await createMlflowStoreSource({ kind: 'file', path: file }).health()).error).toBe(`${file}: not a directory`);
  });
});
