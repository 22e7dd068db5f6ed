import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Starts the production build on its own port with the given env, for specs that need another configuration. */
export async function startApp(port: number, env: Record<string, string>): Promise<{ base: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--port', String(port)], {
    env: { ...process.env, OPENLINEAGE_EVENTS: '', MLFLOW_TRACKING_URI: '', ...env },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`app on port ${port} did not start within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { base, stop: () => child.kill('SIGTERM') };
}
