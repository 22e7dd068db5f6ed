// Small helpers for the bench: file listing, medians, peak RSS, a plain-text table.
import fs from 'node:fs';
import path from 'node:path';
import { runnerImport } from 'vite';

export function listFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A /proc/<pid>/status memory figure (VmHWM = peak, VmRSS = now) of a process and its children, in MB; null where /proc is missing. */
function memoryOf(pid, field, combine) {
  const read = (p) => {
    try {
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let children = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return null;
  }
  return combine([read(pid), ...children.map(read)]);
}

/** Peak resident set (VmHWM) of a process and its children, in MB; null where /proc is missing. */
export function peakRssOf(pid) {
  return memoryOf(pid, 'VmHWM', (values) => Math.max(...values));
}

/** Resident set now (VmRSS) of a process and its children together, in MB; null where /proc is missing. */
export function rssOf(pid) {
  return memoryOf(pid, 'VmRSS', (values) => values.reduce((a, b) => a + b, 0));
}

/** Polls the server until it answers (any status), for at most a minute. */
export async function waitFor(base) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`${base}/api/health`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`server at ${base} did not start within a minute`);
}

export function table(rows) {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => String(row[col]).length)));
  return rows.map((row, i) => {
    const line = row.map((cell, col) => String(cell).padEnd(widths[col])).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

/** Loads a TypeScript module of the app through Vite's module runner (the transform Vitest uses). */
export async function importTs(root, file) {
  const { module } = await runnerImport(path.join(root, file), {
    configFile: false, root, logLevel: 'error',
    resolve: { alias: { '@': root, 'server-only': path.join(root, 'tests/unit/server-only-stub.ts') } },
  });
  return module;
}
