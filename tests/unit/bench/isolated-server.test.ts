import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startIsolatedServer } from '../../../scripts/bench/isolated-server.mjs';

// Two builds (this one and --against=<root>) measured side by side: a stand-in for `next start` in each root
// writes down the run index folder it was given, the way the server would open it.
const roots: string[] = [];
function fakeBuild(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-fake-build-'));
  roots.push(root);
  const bin = path.join(root, 'node_modules', 'next', 'dist', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'next'), `
const fs = require('node:fs');
const dir = require('node:path').resolve(process.env.RUNLENS_DATA_DIR ?? './.runlens');
fs.writeFileSync(${JSON.stringify(path.join(root, 'seen.json'))}, JSON.stringify({ dir, exists: fs.existsSync(dir), cwd: process.cwd(), args: process.argv.slice(2) }));
setInterval(() => {}, 1000);
`);
  return root;
}
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

describe('bench servers (npm run bench -- --only=explorer-interactions --against=<root>)', () => {
  it('give each build its own temporary run index, never the build folder\'s .runlens, and remove it on stop', async () => {
    const [mine, theirs] = [fakeBuild(), fakeBuild()];
    const servers = [startIsolatedServer(mine, 4391, { MARQUEZ_URL: 'http://127.0.0.1:1' }), startIsolatedServer(theirs, 4392, { MARQUEZ_URL: 'http://127.0.0.1:1' })];
    const seen = await Promise.all([mine, theirs].map((root) => vi.waitFor(() => JSON.parse(fs.readFileSync(path.join(root, 'seen.json'), 'utf8')) as { dir: string; exists: boolean; cwd: string; args: string[] }, { timeout: 10_000 })));
    expect(seen[0]!.dir).not.toBe(seen[1]!.dir);
    for (const [i, root] of [mine, theirs].entries()) {
      expect(seen[i]!.exists).toBe(true);
      expect(seen[i]!.dir.startsWith(root)).toBe(false);
      expect(seen[i]!.cwd).toBe(fs.realpathSync(root));
      expect(seen[i]!.args).toEqual(['start', '--port', String(4391 + i)]);
    }
    await Promise.all(servers.map((s) => s.stop()));
    for (const s of servers) expect(fs.existsSync(s.dataDir)).toBe(false);
  });
});
