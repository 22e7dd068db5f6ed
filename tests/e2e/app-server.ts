import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertPortFree } from './port-guard';

export interface StartAppOptions {
  /** Polled until it answers 200. Default /api/health; /api/metrics calls no upstream, for specs that time the first upstream call. */
  readyPath?: string;
  /** Also wait until every source's syncer has caught up (its backfill done), for specs that read a large history. */
  indexed?: boolean;
}

/** Every syncer /api/health lists is following (caught up) and none failed. */
async function caughtUp(base: string): Promise<boolean> {
  const health = await (await fetch(`${base}/api/health`)).json() as { index?: { sync?: Array<{ phase: string; lastError: string | null }> } };
  const sync = health.index?.sync ?? [];
  return sync.length > 0 && sync.every((s) => s.phase === 'follow' && s.lastError === null);
}

/** An empty folder for one app's run index (RUNLENS_DATA_DIR). */
export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-e2e-index-'));
}

/**
 * Starts the production build on its own port with the given env, for specs that need another configuration;
 * a port another process holds is refused first (port-guard.ts), and a server that exits before it is ready fails.
 */
export async function startApp(port: number, env: Record<string, string>, options: StartAppOptions = {}): Promise<{ base: string; stop: () => Promise<void>; logLines: () => string[] }> {
  await assertPortFree(port);
  const child: ChildProcess = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(port)], {
    // Each app its own run index, unless the spec shares one on purpose (replicas).
    env: { ...process.env, OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: '', RUNLENS_DATA_DIR: freshDataDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The app's last log lines, so a failing spec can say what the server logged (its JSON lines name the error).
  // Error lines are kept apart (the first 100), so a busy log cannot push them out.
  const recent: string[] = [];
  const errors: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      if (line.includes('"level":"error"') && errors.length < 100) errors.push(line.slice(0, 2000));
      else recent.push(line.slice(0, 2000));
    }
    if (recent.length > 500) recent.splice(0, recent.length - 500);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    // Checked before the poll: whatever answers after our server died (e.g. it could not bind) is not ours.
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`app on port ${port} exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n${[...errors, ...recent].slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${base}${options.readyPath ?? '/api/health'}`)).ok && (!options.indexed || (await caughtUp(base)))) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app on port ${port} did not start within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    base,
    logLines: () => [...errors, ...recent],
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
