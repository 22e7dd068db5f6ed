// A directory of one-event files (the OpenLineage file transport's): each event's body is the file's text as read.
// Serialising the parsed event again made a second, fragmented copy of every file, and hashing it a third, all held
// with the batch until it was stored: the server's peak RSS while backfilling (issue #11).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedContext } from '@/lib/sources/ports';
import { createFileChangeFeed } from '@/lib/sources/openlineage-files/change-feed';
import { soleCompactEvent } from '@/lib/sources/openlineage-files/read-step';

const context: FeedContext = { runningRunIds: () => Promise.resolve([]) };
const runId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const event = (n: number) => ({
  eventType: 'COMPLETE', eventTime: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), producer: 'https://example.com/test',
  run: { runId: runId(n) }, job: { namespace: 'ns', name: `job-${n}` }, inputs: [], outputs: [{ namespace: 'ns', name: `out-${n}` }],
});
// As Python's json.dumps writes it (", " and ": "): text JSON.stringify would not give back.
const pythonStyle = (value: unknown) => JSON.stringify(value).replaceAll('","', '", "').replaceAll('":', '": ');

function directoryOf(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-document-body-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function bodiesOf(dir: string): Promise<Array<[string | null, string]>> {
  const batch = await createFileChangeFeed('openlineage-files', 'OpenLineage events', [dir], 1000).changes(null, context);
  return (batch.lineageEvents ?? []).map((e) => [e.runId, e.body]);
}

describe('the body of an event read from a document', () => {
  it('is the text of a one-event file as read, without its BOM and final newline', async () => {
    const texts = [pythonStyle(event(1)), pythonStyle(event(2))];
    const dir = directoryOf({ 'event-1.json': `\uFEFF${texts[0]}\n`, 'event-2.json': `${texts[1]}\r\n` });
    expect(await bodiesOf(dir)).toEqual([[runId(1), texts[0]], [runId(2), texts[1]]]);
  });

  it('is each event on its own for an array, and one line for a pretty-printed event', async () => {
    const dir = directoryOf({
      'a-array.json': JSON.stringify([event(1), event(2)], null, 2),
      'b-pretty.json': JSON.stringify(event(3), null, 2),
    });
    const bodies = await bodiesOf(dir);
    expect(bodies.map(([id]) => id)).toEqual([runId(1), runId(2), runId(3)]);
    for (const [id, body] of bodies) {
      expect(body).not.toContain('\n');
      expect(JSON.parse(body).run.runId).toBe(id);
    }
  });
});

describe('soleCompactEvent', () => {
  it('takes a document of one event on one line, and nothing else', () => {
    const text = JSON.stringify(event(1));
    expect(soleCompactEvent(`${text}\n`, 1)).toBe(text);
    expect(soleCompactEvent(text, 2)).toBeNull(); // two entries: two events, or an event and a problem
    expect(soleCompactEvent(`[${text}]`, 1)).toBeNull();
    expect(soleCompactEvent(JSON.stringify(event(1), null, 2), 1)).toBeNull();
  });
});
