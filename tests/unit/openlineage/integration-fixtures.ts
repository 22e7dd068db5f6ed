// The real integrations' events of tests/fixtures/openlineage-integrations (see its README), as LoadedEvents.
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, parseLines, type LoadedEvent, type ParsedText } from '@/lib/openlineage/parse-text';

export const INTEGRATIONS = path.resolve(process.cwd(), 'tests', 'fixtures', 'openlineage-integrations');

/** Every fixture file (relative path), JSON Lines included. */
export function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.jsonl?$/.test(e.name)) out.push(path.relative(INTEGRATIONS, p));
    }
  };
  walk(INTEGRATIONS);
  return out;
}

/** The raw JSON values of one fixture file. */
export function rawEvents(file: string): unknown[] {
  const text = fs.readFileSync(path.join(INTEGRATIONS, file), 'utf8');
  return file.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown) : [JSON.parse(text) as unknown];
}

/** The events of the given fixture files (or directories), read as the file source reads them; throws on any problem. */
export function loadFixtures(...files: string[]): LoadedEvent[] {
  const chosen = fixtureFiles().filter((f) => files.some((want) => f === want || f.startsWith(`${want}/`)));
  if (chosen.length === 0) throw new Error(`no fixture matches ${files.join(', ')}`);
  const out: ParsedText = { events: [], problems: [] };
  for (const f of chosen) {
    const text = fs.readFileSync(path.join(INTEGRATIONS, f), 'utf8');
    if (f.endsWith('.jsonl')) parseLines(text, f, 1, out);
    else {
      const parsed = parseDocument(text, f);
      out.events.push(...parsed.events);
      out.problems.push(...parsed.problems);
    }
  }
  if (out.problems.length > 0) throw new Error(JSON.stringify(out.problems));
  return out.events;
}
