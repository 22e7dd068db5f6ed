import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startMlflowStub, type MlflowStub } from '../stubs/mlflow';
import { startPostgresServer, type PostgresServer } from '../stubs/postgres-server';
import { startApp } from './app-server';

// Two replicas on one Postgres run index: exactly one syncs each source, both serve the same answers,
// and when the syncing replica stops, the other takes the source over within the lease's 60 s.
const groot = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const basePort = Number(process.env.E2E_PORT ?? 3100);

interface SyncView { source: string; syncedBy: string | null; phase: string }

let postgres: PostgresServer;
let mlflow: MlflowStub;
const apps: Array<Awaited<ReturnType<typeof startApp>>> = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  postgres = await startPostgresServer();
  mlflow = await startMlflowStub();
  const env = {
    RUNLENS_DATABASE_URL: postgres.url,
    MLFLOW_TRACKING_URI: mlflow.url,
    OPENLINEAGE_EVENTS: path.join(groot, 'openlineage', 'events'),
  };
  apps.push(await startApp(basePort + 45, env), await startApp(basePort + 46, env));
});
test.afterAll(async () => {
  for (const app of apps) await app.stop();
  await mlflow?.close();
  await postgres?.stop();
});

async function replicaOf(app: { base: string }): Promise<string> {
  return ((await (await fetch(`${app.base}/api/health`)).json()) as { index: { replica: string } }).index.replica;
}

async function syncOf(base: string): Promise<SyncView[]> {
  const health = await (await fetch(`${base}/api/health`)).json() as { index: { sync: SyncView[] } };
  return health.index.sync;
}

test('one replica syncs each source, both answer alike, and the other takes over when it stops', async () => {
  test.setTimeout(150_000);
  const [a, b] = apps;
  // Both sources caught up, each synced by exactly one replica (the same one seen from either).
  await expect.poll(async () => (await syncOf(a!.base)).filter((s) => s.phase === 'follow' && s.syncedBy !== null).length, { timeout: 30_000 }).toBe(2);
  const seenFromA = await syncOf(a!.base);
  const seenFromB = await syncOf(b!.base);
  expect(seenFromB.map((s) => [s.source, s.syncedBy])).toEqual(seenFromA.map((s) => [s.source, s.syncedBy]));

  const listA = await (await fetch(`${a!.base}/api/runs?limit=100`)).json() as { runs: Array<{ id: string; link: unknown }>; total: number };
  const listB = await (await fetch(`${b!.base}/api/runs?limit=100`)).json() as typeof listA;
  expect(listA.total).toBeGreaterThan(0);
  expect(listB).toEqual(listA);

  // MLflow's registry is read once for both (shared through the index), though each has shown its models page.
  for (const app of [a!, b!]) expect((await fetch(`${app.base}/models`)).status).toBe(200);
  expect(mlflow.requests.filter((r) => r.path.endsWith('/registered-models/search'))).toHaveLength(1);

  // Stop the replica that syncs MLflow: the other takes the lease over once it is not renewed (30 s).
  const owner = seenFromA.find((s) => s.source === 'mlflow')!.syncedBy!;
  const names = await Promise.all(apps.map(replicaOf));
  const ownerAt = names.indexOf(owner);
  expect(ownerAt).toBeGreaterThanOrEqual(0);
  const survivor = apps[1 - ownerAt]!;
  await apps[ownerAt]!.stop();
  apps.splice(ownerAt, 1);
  await expect.poll(async () => (await syncOf(survivor.base)).find((s) => s.source === 'mlflow')?.syncedBy ?? null, { timeout: 60_000, intervals: [1_000] })
    .toBe(names[1 - ownerAt]);
  const listAfter = await (await fetch(`${survivor.base}/api/runs?limit=100`)).json() as typeof listA;
  expect(listAfter.total).toBe(listA.total);
});
