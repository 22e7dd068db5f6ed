import { describe, expect, it } from 'vitest';
import { MAX_BATCH_EVENTS, MAX_JSON_DEPTH, parseReceivedBody } from '@/lib/sources/openlineage-receiver/parse-body';
import { jsonDepthExceeds } from '@/lib/sources/openlineage-receiver/json-depth';

const PRODUCER = 'https://github.com/OpenLineage/OpenLineage/tree/1.52.0/client/python';
const base = { eventTime: '2026-11-26T06:15:55.708Z', producer: PRODUCER, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent' };
const runEvent = (runId = 'edee0683-f4b7-4401-8578-8c35c6aaa7b0', eventType = 'START') => ({
  ...base, eventType, run: { runId, facets: {} }, job: { namespace: 'groot', name: 'etl.load' },
  inputs: [{ namespace: 's3://bucket', name: 'raw' }], outputs: [],
});
const datasetEvent = { ...base, dataset: { namespace: 's3://bucket', name: 'raw', facets: {} } };
const jobEvent = { ...base, job: { namespace: 'groot', name: 'etl.load' }, inputs: [{ namespace: 's3://bucket', name: 'raw' }] };

const message = (body: unknown) => {
  const parsed = parseReceivedBody(typeof body === 'string' ? body : JSON.stringify(body));
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.message;
};

describe('parseReceivedBody', () => {
  it('accepts one RunEvent, DatasetEvent or JobEvent, keeping its JSON and the runId of RunEvents', () => {
    for (const [event, runId] of [[runEvent(), 'edee0683-f4b7-4401-8578-8c35c6aaa7b0'], [datasetEvent, null], [jobEvent, null]] as const) {
      const parsed = parseReceivedBody(JSON.stringify(event));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.events).toHaveLength(1);
      expect(parsed.events[0]!.runId).toBe(runId);
      expect(JSON.parse(parsed.events[0]!.body)).toEqual(event);
    }
  });

  it('accepts a batch as an array, in order', () => {
    const parsed = parseReceivedBody(JSON.stringify([runEvent(undefined, 'START'), jobEvent, runEvent(undefined, 'COMPLETE')]));
    expect(parsed.ok && parsed.events.map((e) => e.event.wire.kind)).toEqual(['run', 'job', 'run']);
  });

  it('names the event of a batch and the field at fault, and refuses the whole batch', () => {
    const bad = { ...runEvent(), run: { runId: 42 } };
    expect(message([runEvent(), bad, runEvent()])).toMatch(/^event 1 of the batch .*nothing was stored.*run\.runId/);
  });

  it('holds the spec: producer and schemaURL URIs, a UUID runId, a known eventType, eventTime a date-time', () => {
    const { producer: _p, ...noProducer } = runEvent();
    expect(message(noProducer)).toMatch(/^producer: /);
    expect(message({ ...runEvent(), schemaURL: 'not a uri' })).toMatch(/^schemaURL: must be a URI/);
    expect(message(runEvent('run-1'))).toMatch(/^run\.runId: must be a UUID/);
    expect(message(runEvent(undefined, 'FINISHED'))).toMatch(/^eventType: /);
    expect(message({ ...runEvent(), eventTime: 'yesterday' })).toMatch(/^eventTime: not a date-time/);
    expect(message({ ...datasetEvent, dataset: { name: 'raw' } })).toMatch(/^dataset\.namespace: /);
    expect(message({ ...base })).toMatch(/no run, job or dataset/);
  });

  it('says what is wrong with a body that is not an event at all', () => {
    expect(message('')).toMatch(/body is empty/);
    expect(message('{"run": ')).toMatch(/^the body is not JSON: /);
    expect(message('[]')).toBe('the batch is empty');
    expect(message('"START"')).toMatch(/expected a JSON object, got string/);
    expect(message(Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => jobEvent))).toMatch(/at most 1000/);
  });

  it('refuses JSON nested deeper than the bound before parsing it, quickly even at 5 MB', () => {
    const deep = { ...runEvent(), run: { runId: runEvent().run.runId, facets: { x: JSON.parse('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)) } } };
    expect(message(deep)).toMatch(/nests deeper than 64 levels/);
    const started = performance.now();
    expect(message('['.repeat(5 * 1024 * 1024))).toMatch(/nests deeper/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('jsonDepthExceeds', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonDepthExceeds('{"a":[[1]]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[[[1]]]}', 3)).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[\\"{{{{' }), 1)).toBe(false);
  });
});
