import { readFileSync } from 'node:fs';
import path from 'node:path';

/** `../shared/data` beside the checkout (vitest runs from the repo root); CI has it there too. */
export const SHARED_DATA = path.resolve(process.cwd(), '..', 'shared', 'data');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

/** This repo's fixtures for the OpenLineage file source. */
export function fixturePath(...parts: string[]): string {
  return path.resolve(process.cwd(), 'tests', 'fixtures', 'openlineage-files', ...parts);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}
