import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freshDataDir } from './app-server';
import { assertPortFree } from './port-guard';

export interface StandaloneApp {
  base: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  stop: () => void;
  /** The server's pid, and when it exits (its code and signal). */
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the production server the Docker image runs (`.next/standalone/server.js`, output: 'standalone'),
 * with .next/static and public copied beside it as the Dockerfile does. It changes into its own folder,
 * so paths in `env` must be absolute. Ready when /api/live answers (the one route open with auth on) while the
 * server started here runs; a port another process holds is refused first (port-guard.ts).
 */
export async function startStandalone(port: number, env: Record<string, string>): Promise<StandaloneApp> {
  await assertPortFree(port);
  const standalone = path.resolve('.next', 'standalone');
  if (!fs.existsSync(path.join(standalone, 'server.js'))) throw new Error('no .next/standalone/server.js: run `npm run build:standalone` first');
  fs.cpSync(path.resolve('.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true, force: true });
  if (fs.existsSync('public')) fs.cpSync(path.resolve('public'), path.join(standalone, 'public'), { recursive: true, force: true });

  let output = '';
  const child = spawn(process.execPath, [path.join(standalone, 'server.js')], {
    env: { ...process.env, OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: '', RUNLENS_DATA_DIR: freshDataDir(), ...env, PORT: String(port), HOSTNAME: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.on('exit', (code, signal) => (output += `\n[server exited: code ${code}, signal ${signal}]\n`));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    // Checked before the poll: whatever answers after our server died (e.g. it could not bind) is not ours.
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`standalone server on port ${port} exited before it was ready:\n${output}`);
    try {
      if ((await fetch(`${base}/api/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`standalone server on port ${port} did not start within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { base, output: () => output, stop: () => child.kill('SIGTERM'), pid: child.pid ?? 0, exited };
}
