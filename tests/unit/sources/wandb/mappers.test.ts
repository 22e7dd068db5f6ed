import { describe, expect, it } from 'vitest';
import { wandbAppUrl, wandbAuthHeader, wandbRunUrl } from '@/lib/sources/wandb';
import { historyPoints } from '@/lib/sources/wandb/history';
import { parseJsonObject, parseWandbJson } from '@/lib/sources/wandb/json';
import { mapArtifact } from '@/lib/sources/wandb/map-artifacts';
import { mapConfig, mapRun, mapSummary, wandbTime } from '@/lib/sources/wandb/map-run';
import { parseRunPath } from '@/lib/sources/wandb/source';
import { wandbRunTags } from '@/lib/model';
import { pythonJson } from '@/tests/stubs/wandb';

describe('W&B JSON', () => {
  it('reads bare NaN/Infinity tokens but leaves the same words inside strings alone', () => {
    const value = parseWandbJson('{"a": NaN, "b": Infinity, "c": -Infinity, "d": "NaN and Infinity", "e": [1, -Infinity]}') as Record<string, unknown>;
    expect(value.a).toBeNaN();
    expect([value.b, value.c, value.d, value.e]).toEqual([Infinity, -Infinity, 'NaN and Infinity', [1, -Infinity]]);
  });

  it('round-trips what the stub writes the Python way', () => {
    const text = pythonJson({ loss: Number.NaN, best: Number.POSITIVE_INFINITY, note: 'say "NaN"' });
    expect(text).toBe('{"loss":NaN,"best":Infinity,"note":"say \\"NaN\\""}');
    expect(parseWandbJson(text)).toEqual({ loss: Number.NaN, best: Infinity, note: 'say "NaN"' });
  });

  it('reports a JSON-string field that is not an object', () => {
    expect(parseJsonObject('[1]')).toEqual({ value: null, error: 'is not a JSON object' });
    expect(parseJsonObject('{oops').error).toMatch(/^is not valid JSON/);
    expect(parseJsonObject(null)).toEqual({ value: null, error: null });
  });
});

describe('W&B mapping', () => {
  it('reads createdAt without a zone designator as UTC', () => {
    expect(wandbTime('2026-11-20T02:00:00')).toBe(Date.parse('2026-11-20T02:00:00Z'));
    expect(wandbTime('2026-11-20T02:00:00+01:00')).toBe(Date.parse('2026-11-20T01:00:00Z'));
    expect(wandbTime('garbage')).toBeNull();
  });

  it('takes config values out of {value, desc}, flattens nested dicts, drops W&B\'s own keys', () => {
    expect(mapConfig({
      lr: { value: 0.001, desc: null }, opt: { value: { name: 'adam', betas: [0.9, 0.99] }, desc: 'optimizer' }, flag: { value: true },
      nothing: { value: null }, _wandb: { value: { cli_version: '0.18.7' } }, wandb_version: 1,
    })).toEqual({ lr: '0.001', 'opt.name': 'adam', 'opt.betas': '[0.9,0.99]', flag: 'true', nothing: 'None' });
  });

  it('takes numeric summary leaves as metrics at the summary step; media and W&B keys are not metrics', () => {
    const metrics = mapSummary({ _step: 41, _timestamp: 1795140100.5, _runtime: 100, loss: 0.2, acc: Number.NaN, val: { loss: 0.3 }, img: { _type: 'image-file', width: 3 }, label: 'x' }, 0);
    expect(Object.keys(metrics).sort()).toEqual(['acc', 'loss', 'val.loss']);
    expect(metrics.loss).toEqual({ step: 41, timestamp: 1795140100500, value: 0.2 });
    expect(metrics.acc?.value).toBeNaN();
    const indexed = mapSummary({ _step: 41, loss: 0.2, best: 0.1 }, 0, { lastStep: 41, keys: { loss: {}, _step: {} } });
    expect([indexed.loss?.step, indexed.best?.step]).toEqual([41, 0]);
  });

  it('maps states onto the experiment vocabulary and reports an unknown one', () => {
    const problems: string[] = [];
    const status = (state: string) => mapRun({ name: 'abcd1234', state }, { entity: 'e', project: 'p' }, [], (p) => problems.push(p.message)).status;
    expect(['running', 'finished', 'failed', 'crashed', 'pending'].map(status)).toEqual(['RUNNING', 'FINISHED', 'FAILED', 'KILLED', 'SCHEDULED']);
    expect(status('exploded')).toBe('FINISHED');
    expect(problems).toEqual(['unknown run state "exploded"; shown as finished']);
  });

  it('keeps W&B tags as a list, and group, job type and commit as tags', () => {
    const run = mapRun({ name: 'abcd1234', state: 'finished', tags: ['a, b', 'ol:x'], group: 'g', jobType: 'train', commit: 'c0ffee' }, { entity: 'e', project: 'p' }, [], () => undefined);
    expect(wandbRunTags(run)).toEqual(['a, b', 'ol:x']);
    expect(run.tags).toMatchObject({ 'wandb.group': 'g', 'wandb.jobType': 'train', 'wandb.commit': 'c0ffee' });
  });

  it('says when config or summary cannot be read', () => {
    const problems: string[] = [];
    const run = mapRun({ name: 'abcd1234', state: 'finished', config: '{broken', summaryMetrics: '3' }, { entity: 'e', project: 'p' }, [], (p) => problems.push(`${p.where}: ${p.message}`));
    expect(run.params).toEqual({});
    expect(problems).toEqual([expect.stringMatching(/^e\/p\/abcd1234: config is not valid JSON/), 'e/p/abcd1234: summaryMetrics is not a JSON object; metrics are not shown']);
  });

  it('names an artifact collection:vN and reads its data location from metadata', () => {
    const artifact = { digest: 'd41d8cd98f00b204e9800998ecf8427e', versionIndex: 2, artifactType: { name: 'dataset' }, artifactSequence: { name: 'raw' }, aliases: [{ alias: 'latest' }], metadata: '{"uri": "s3://bucket/groot/raw"}' };
    expect(mapArtifact(artifact, 'input')).toEqual({
      name: 'raw:v2', digest: 'd41d8cd98f00b204e9800998ecf8427e', recordedWith: 'wandb artifact', sourceType: 'dataset', sourceUri: 's3://bucket/groot/raw',
      context: 'input', namespace: 's3://bucket', olName: 'groot/raw', aliases: ['latest'],
    });
    expect(mapArtifact({ ...artifact, metadata: null }, 'output')).toMatchObject({ sourceUri: null, namespace: null, olName: null });
    expect(mapArtifact({ digest: 'x' }, 'output')).toBeNull();
  });

  it('turns history rows into ordered points; non-finite strings are gaps, other strings are skipped', () => {
    const points = historyPoints([{ _step: 2, _timestamp: 10, m: 'NaN' }, { _step: 1, _timestamp: 9, m: 0.5 }, { _step: 3, m: 'n/a' }, { _step: 4, other: 1 }], 'm');
    expect(points.map((p) => p.step)).toEqual([1, 2]);
    expect(points[0]).toEqual({ step: 1, timestamp: 9000, value: 0.5 });
    expect(points[1]?.value).toBeNaN();
  });
});

describe('W&B addresses', () => {
  it('authenticates as W&B\'s client does: Basic api:<key>', () => {
    expect(wandbAuthHeader('s3cr3t')).toBe(`Basic ${Buffer.from('api:s3cr3t').toString('base64')}`);
  });

  it('derives the app from the API base: api.wandb.ai → wandb.ai; self-hosted keeps its host', () => {
    expect(wandbAppUrl('https://api.wandb.ai')).toBe('https://wandb.ai');
    expect(wandbAppUrl('https://wandb.corp.example:8443/')).toBe('https://wandb.corp.example:8443');
    expect(wandbRunUrl('https://api.wandb.ai', 'groot-team', 'groot-data-etl', 'k7d3dup1')).toBe('https://wandb.ai/groot-team/groot-data-etl/runs/k7d3dup1');
  });

  it('parses a run path and nothing else', () => {
    expect(parseRunPath('e/p/abcd1234')).toEqual({ entity: 'e', project: 'p', name: 'abcd1234' });
    expect(parseRunPath('abcd1234')).toBeNull();
    expect(parseRunPath('e//abcd1234')).toBeNull();
  });
});
