#!/usr/bin/env node
// `npm run demo`: generate the bundled demo data, build, and serve it at http://localhost:$PORT (3000).
// With OPENLINEAGE_EVENTS or MLFLOW_TRACKING_URI already set, those win and nothing is pointed at the demo.
// `--skip-build` serves an existing build (the e2e suite uses it after `npm run build`).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function run(args, label) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`demo: ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

run([path.join(root, 'scripts', 'demo-data', 'generate.mjs')], 'generating the demo data');

const env = { ...process.env };
if (!env.OPENLINEAGE_EVENTS && !env.MLFLOW_TRACKING_URI) {
  env.OPENLINEAGE_EVENTS = path.join(root, '.demo-data', 'openlineage');
  // sqlite:/// + an absolute path gives MLflow's four-slash absolute form.
  env.MLFLOW_TRACKING_URI = `sqlite:///${path.join(root, '.demo-data', 'mlflow.db')}`;
}

if (!process.argv.includes('--skip-build')) run([nextBin, 'build'], 'next build');

const port = env.PORT ?? '3000';
console.log(`\nRunlens demo: http://localhost:${port}\n  OPENLINEAGE_EVENTS=${env.OPENLINEAGE_EVENTS ?? ''}\n  MLFLOW_TRACKING_URI=${env.MLFLOW_TRACKING_URI ?? ''}\n`);
const server = spawn(process.execPath, [nextBin, 'start', '--port', port], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
