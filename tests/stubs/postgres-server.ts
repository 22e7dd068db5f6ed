import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export interface PostgresServer {
  /** postgres://runlens@127.0.0.1:<port>/runlens (trust auth on loopback only). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Debian's server binaries (`postgresql` package; `.ci/run` installs it), or POSTGRES_BIN. */
export function postgresBinDir(): string {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions[0] === undefined) throw new Error('no PostgreSQL server binaries: install Debian\'s postgresql package (bash .ci/run does) or set POSTGRES_BIN');
  return path.join(root, versions[0], 'bin');
}

// PostgreSQL refuses to run as root: as root (CI, these machines), the cluster belongs to the postgres user.
const asRoot = process.getuid?.() === 0;
const command = (bin: string, args: string[]) => (asRoot ? { file: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] } : { file: bin, args });

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

/**
 * A throw-away PostgreSQL cluster on a free loopback port: initdb into a temp dir (trust auth, user
 * and database `runlens`), the server in the foreground, removed on stop.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runlens-pg-'));
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = path.join(dir, 'data');
  const init = command(path.join(bin, 'initdb'), ['-D', data, '-U', 'runlens', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale', 'C']);
  const made = spawnSync(init.file, init.args, { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`initdb failed: ${made.stderr || made.stdout}`);
  const port = await freePort();
  const serve = command(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  const child = spawn(serve.file, serve.args, { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`postgres did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The port accepts before the server does ("the database system is starting up"): ask again until the deadline.
  const create = command(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'runlens', 'runlens']);
  for (;;) {
    const created = spawnSync(create.file, create.args, { encoding: 'utf8' });
    if (created.status === 0) break;
    if (!/starting up/.test(created.stderr) || Date.now() > deadline) throw new Error(`createdb failed: ${created.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `postgres://runlens@127.0.0.1:${port}/runlens`,
    port,
    async stop() {
      // pg_ctl's immediate mode: the cluster is thrown away, so nothing needs to be flushed (runuser forwards no signal).
      const halt = command(path.join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'immediate']);
      if (child.exitCode === null) spawnSync(halt.file, halt.args, { stdio: 'ignore' });
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
