import { importTs } from './scripts/bench/measure.mjs';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { execSync } from 'node:child_process';
const root = process.cwd();
const { startRedisServer } = await importTs(root, 'tests/stubs/redis-server.ts');
const { startMarquezStub } = await importTs(root, 'tests/stubs/marquez/index.ts');
const { startMlflowStub } = await importTs(root, 'tests/stubs/mlflow/index.ts');
const w = await importTs(root, 'tests/stubs/wide-run.ts');
const { startApp } = await importTs(root, 'tests/e2e/app-server.ts');
const redis = await startRedisServer();
const rec = w.writeWideRunRecordings(fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-wide-')));
const marquez = await startMarquezStub({ events: w.wideRunEvents() });
const mlflow = await startMlflowStub({ recordings: rec });
const app = await startApp(4845, { MARQUEZ_URL: marquez.url, MLFLOW_TRACKING_URI: mlflow.url, REDIS_URL: redis.url });
try {
const r = await fetch(`${app.base}/runs/${w.WIDE_RUN_ID}`); await r.text();
console.log(JSON.stringify((await (await fetch(`${app.base}/api/health`)).json()).cache));
await new Promise((res) => setTimeout(res, 500));
console.log(execSync(`redis-cli -p ${redis.port} keys '*'`).toString());
} finally {
app.stop(); await marquez.close(); await mlflow.close(); await redis.stop(); }
process.exit(0);
