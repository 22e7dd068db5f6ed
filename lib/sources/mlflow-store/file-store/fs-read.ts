import 'server-only';
import fs, { type Dirent } from 'node:fs';
import path from 'node:path';
import { putEntry } from '../shared/records';

/*
 * Paths under the store are joined with turbopackIgnore throughout this folder: a join of a run-time folder with
 * 'meta.yaml' made the build trace (and ship) every meta.yaml of the checkout, test fixtures included.
 */

/**
 * Synchronous on purpose: a run folder is ~30 tiny files, and sync reads are ~7× faster than fs.promises here.
 * The scanner yields to the event loop between runs (Pacer), so no single block lasts more than a few ms.
 */

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

/** Entries of a directory; [] when it does not exist (a run without params has no params/ folder). */
export function listEntries(dir: string): Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** "mtime:size" of a path, "-" when absent; the unit of change detection. */
export function statStamp(target: string): string {
  try {
    const stat = fs.statSync(target);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch (error) {
    if (isMissing(error)) return '-';
    throw error;
  }
}

export function stampOf(paths: readonly string[]): string {
  return paths.map(statStamp).join('|');
}

/**
 * Records the stamp of each path just before it is read, so a change made while reading still
 * differs from the recorded stamp at the next check (stamping after the read could hide it).
 */
export class StampLog {
  private readonly entries: [string, string][] = [];

  readonly visit = (target: string): void => {
    this.entries.push([target, statStamp(target)]);
  };

  get paths(): string[] {
    return this.entries.map(([p]) => p);
  }

  get stamp(): string {
    return this.entries.map(([, s]) => s).join('|');
  }
}

type Visit = (target: string) => void;

/** Files under a folder as "/"-joined keys (metrics/train/loss → "train/loss"); nested folders are keys with "/". */
export function listKeyFiles(dir: string, visit?: Visit): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string, prefix: string): void => {
    for (const entry of listEntries(current)) {
      const full = path.join(/*turbopackIgnore: true*/ current, entry.name);
      const key = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        visit?.(full);
        walk(full, key);
      } else if (entry.isFile()) files.set(key, full);
    }
  };
  walk(dir, '');
  return files;
}

/** params/, tags/ and aliases/ hold one file per key, the value being the whole file. */
export function readKeyValueTree(dir: string, visit?: Visit): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, file] of listKeyFiles(dir, visit)) {
    visit?.(file);
    putEntry(values, key, readText(file) ?? '');
  }
  return values;
}

/** The file under `base` named by a "/"-separated key, or null if the key would leave `base`. */
export function keyPath(base: string, key: string): string | null {
  if (key === '' || key.split('/').some((part) => part === '' || part === '.' || part === '..')) return null;
  const full = path.resolve(base, ...key.split('/'));
  return full.startsWith(path.resolve(base) + path.sep) ? full : null;
}

/** Lets other requests run during a long scan: yields to the event loop once `sliceMs` of work has passed. */
export class Pacer {
  private last = performance.now();

  constructor(private readonly sliceMs = 10) {}

  async step(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
