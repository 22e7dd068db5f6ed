import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fetchJson } from '@/lib/http/fetch-json';
import { JsonTooDeepError, MAX_JSON_DEPTH, jsonDepth, parseJsonLimited } from '@/lib/model/json-limits';
import { parseDocument, parseLines } from '@/lib/openlineage/parse-text';
import { caught } from '../caught';
import { scriptedServer } from '../http/scripted-server';

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepEvent = (levels: number) => `{"eventType":"START","run":{"runId":"r","facets":{"x":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}}}`;
const server = scriptedServer();

describe('JSON depth limit (2,000 levels gave 500s while /health said ok)', () => {
  it('refuses deeper JSON at parse time, before building it; strings with brackets do not count', () => {
    expect(() => parseJsonLimited(deep(2000))).toThrow(JsonTooDeepError);
    expect(parseJsonLimited(deep(MAX_JSON_DEPTH))).toBeDefined();
    expect(parseJsonLimited(JSON.stringify({ s: '['.repeat(5000) }))).toEqual({ s: '['.repeat(5000) });
    expect(jsonDepth(JSON.parse(deep(50)))).toBe(50);
  });

  it('an event file or line nested too deep is a problem naming the file (shown on /health), the rest is read', () => {
    const doc = parseDocument(deepEvent(2000), 'events/deep.json');
    expect(doc.problems).toEqual([{ where: 'events/deep.json', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }]);
    const out = { events: [], problems: [] };
    parseLines(`${deepEvent(2000)}\n`, 'events.ndjson', 1, out);
    expect(out.problems).toEqual([{ where: 'events.ndjson', line: 1, message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it('an upstream body nested too deep is a parse error of the source, not a 500', async () => {
    server.handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"ok": ${deep(2000)}}`);
    const error = await caught(fetchJson({ url: `${server.base}/x`, schema: z.looseObject({ ok: z.unknown() }), source: 'Stub', timeoutMs: 1000 }));
    expect(error).toMatchObject({ kind: 'parse', message: `Stub: GET /x returned JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
  });
});
