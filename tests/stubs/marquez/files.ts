import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function parseText(text: string, where: string): unknown[] {
  const body = text.trim();
  if (body === '') return [];
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) ? value : [value];
  } catch {
    // Not one JSON value: JSON Lines (file transport with append: true).
  }
  return body.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error) {
      throw new Error(`${where}:${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function expand(entry: string): string[] {
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .sort()
    .flatMap((name) => expand(path.join(entry, name)))
    .filter((file) => /\.(json|ndjson|jsonl)$/.test(file));
}

/**
 * Events from files: a JSON event, a JSON array of events, or JSON Lines. A directory stands for
 * its .json/.ndjson/.jsonl files, recursively, in name order.
 */
export function loadEventsFromFiles(paths: string[]): unknown[] {
  return paths.flatMap(expand).flatMap((file) => parseText(readFileSync(file, 'utf8'), file));
}
