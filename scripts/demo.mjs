#!/usr/bin/env node
// `npm run demo`: generate the bundled demo data, build if needed, and serve it at http://localhost:$PORT (3000).
// With OPENLINEAGE_EVENTS or MLFLOW_TRACKING_URI already set, those win and nothing is pointed at the demo.
// An existing build is reused unless the sources changed since; `-- --rebuild` forces one, `--skip-build`
// never builds (the e2e suite uses it after `npm run build`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const args = new Set(process.argv.slice(2));
const HEARTBEAT_MS = 15_000;

const say = (text) => console.log(`[demo] ${text}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(cmd, label, { heartbeat = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, cmd, { cwd: root, stdio: 'inherit' });
    // next build prints nothing for minutes while it compiles: say that it is still going.
    const timer = heartbeat ? setInterval(() => say(`${label}: still working, ${seconds(started)} so far…`), HEARTBEAT_MS) : null;
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      if (code !== 0) {
        console.error(`demo: ${label} failed (exit ${code ?? signal})`);
        process.exit(code ?? 1);
      }
      say(`${label}: done in ${seconds(started)}`);
      resolve();
    });
  });
}

/** Newest modification time under `dir` (files only), skipping nothing: the source folders are small. */
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Why a build is needed, or null when the existing one is as new as every source. */
function buildReason() {
  if (args.has('--rebuild')) return '--rebuild given';
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return 'no build yet (the first takes about 2–4 minutes on 2 cores)';
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'instrumentation-client.ts', 'next.config.js', 'package-lock.json']
    .map((p) => path.join(root, p))
    .map((p) => (fs.existsSync(p) && fs.statSync(p).isDirectory() ? newestMtime(p) : fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0));
  return Math.max(...sources) > built ? 'the sources changed since the last build' : null;
}

say('1/3 generating the demo data…');
await run([path.join(root, 'scripts', 'demo-data', 'generate.mjs')], 'demo data');

const env = { ...process.env };
if (!env.OPENLINEAGE_EVENTS && !env.MLFLOW_TRACKING_URI) {
  env.OPENLINEAGE_EVENTS = path.join(root, '.demo-data', 'openlineage');
  // sqlite:/// + an absolute path gives MLflow's four-slash absolute form.
  env.MLFLOW_TRACKING_URI = `sqlite:///${path.join(root, '.demo-data', 'mlflow.db')}`;
}

const reason = args.has('--skip-build') ? null : buildReason();
if (reason) {
  say(`2/3 building: ${reason}…`);
  await run([nextBin, 'build'], 'next build', { heartbeat: true });
} else {
  say(`2/3 reusing the existing build${args.has('--skip-build') ? ' (--skip-build)' : ''}; \`npm run demo -- --rebuild\` forces a new one`);
}

const port = env.PORT ?? '3000';
say(`3/3 serving http://localhost:${port}\n  OPENLINEAGE_EVENTS=${env.OPENLINEAGE_EVENTS ?? ''}\n  MLFLOW_TRACKING_URI=${env.MLFLOW_TRACKING_URI ?? ''}\n`);
const server = spawn(process.execPath, [nextBin, 'start', '--port', port], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
