// Types for isolated-server.mjs, which the unit tests import.
import type { ChildProcess } from 'node:child_process';

export function startIsolatedServer(root: string, port: number, env: Record<string, string>): { child: ChildProcess; dataDir: string; stop: () => Promise<void> };
