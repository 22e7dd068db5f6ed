import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export interface RedisServer {
  url: string;
  port: number;
  /** How many keys the server holds (DBSIZE). */
  keyCount(): Promise<number>;
  stop(): Promise<void>;
}

/** One inline command's integer reply (`:<n>`). */
async function integerReply(port: number, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => {
      socket.destroy();
      const reply = /^:(\d+)/.exec(data.toString());
      if (reply) resolve(Number(reply[1]));
      else reject(new Error(`redis answered ${JSON.stringify(data.toString().slice(0, 100))} to ${command}`));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

/**
 * A real redis-server (Debian's package; `.ci/run` installs it) on a free loopback port, with a
 * throw-away directory and no persistence (or on `wantedPort`, to restart one). `REDIS_SERVER` names another binary.
 */
export async function startRedisServer(wantedPort?: number): Promise<RedisServer> {
  const port = wantedPort ?? (await freePort());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'runlens-redis-'));
  const child = spawn(process.env.REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    keyCount: () => integerReply(port, 'DBSIZE'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
