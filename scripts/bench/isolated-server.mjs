// `next start` of a build for a bench, with a run index of its own: never the build's default ./.runlens, which a
// demo or dev server running from that folder may be using (two servers writing one SQLite index can corrupt it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts the build in `root` on `port` with `env` and RUNLENS_DATA_DIR set to a new temporary folder; `stop()` ends
 * the server and removes that folder. `dataDir` is where its index lives.
 */
export function startIsolatedServer(root, port, env) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-bench-index-'));
  const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port)], {
    cwd: root, stdio: 'ignore', env: { ...process.env, ...env, RUNLENS_DATA_DIR: dataDir },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    dataDir,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      // A server that does not exit within 10 s of SIGTERM is killed, so the bench never hangs on it.
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
