import { readFileSync } from 'node:fs';
import path from 'node:path';

/** `../shared` beside the checkout (vitest runs from the repo root); CI has it there too. */
export function sharedPath(...parts: string[]): string {
  return path.resolve(process.cwd(), '..', 'shared', ...parts);
}

export function fixturePath(...parts: string[]): string {
  return path.resolve(process.cwd(), 'tests', 'fixtures', 'marquez', ...parts);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The real Marquez response samples. */
export const RESPONSES = sharedPath('data', 'marquez-responses');
