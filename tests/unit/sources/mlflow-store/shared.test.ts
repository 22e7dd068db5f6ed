import { describe, expect, it } from 'vitest';
import { openLineageName } from '@/lib/sources/mlflow-store/shared/dataset-naming';
import { toExperimentDataset } from '@/lib/sources/mlflow-store/shared/datasets';
import { fromSqlMetricValue, isMoreRecent, parseMetricNumber } from '@/lib/sources/mlflow-store/shared/metric-values';
import { MAX_LISTED_PROBLEMS, ProblemList } from '@/lib/sources/mlflow-store/shared/problems';
import { toRunStatus } from '@/lib/sources/mlflow-store/shared/run-status';
import { MetricLineReader, parseMetricFile } from '@/lib/sources/mlflow-store/file-store/metric-file';
import { parsePyYaml } from '@/lib/sources/mlflow-store/file-store/pyyaml';

describe('openLineageName', () => {
  it.each([
    ['s3://bucket/a/b', 's3://bucket', 'a/b'],
    ['s3://bucket/groot/raw/multimodal', 's3://bucket', 'groot/raw/multimodal'],
    ['s3a://bucket/a/b/', 's3://bucket', 'a/b'],
    ['s3://bucket', 's3://bucket', '/'],
    ['gs://bkt/x/y.parquet', 'gs://bkt', 'x/y.parquet'],
    ['abfss://container@acct.dfs.core.windows.net/dir/t', 'abfss://container@acct.dfs.core.windows.net', 'dir/t'],
    ['wasbs://container@acct.blob.core.windows.net/dir', 'wasbs://container@acct.blob.core.windows.net', 'dir'],
    ['hdfs://namenode:8020/warehouse/t/', 'hdfs://namenode:8020', '/warehouse/t'],
    ['https://example.com/data/file.csv?x=1', 'https://example.com', '/data/file.csv'],
    ['/data/local/file.csv', 'file', '/data/local/file.csv'],
    ['/data/dir/', 'file', '/data/dir'],
    ['file:///data/x.csv', 'file', '/data/x.csv'],
    ['file:/data/x.csv', 'file', '/data/x.csv'],
    ['file://localhost/data/x.csv', 'file', '/data/x.csv'],
    ['file:///data/with%20space.csv', 'file', '/data/with space.csv'],
    ['dbfs:/mnt/x', 'dbfs', '/mnt/x'],
  ])('%s → %s + %s', (uri, namespace, name) => {
    expect(openLineageName(uri)).toEqual({ namespace, name });
  });

  it('has no naming for an empty location', () => {
    expect(openLineageName('')).toBeNull();
    expect(openLineageName('   ')).toBeNull();
  });
});

describe('toExperimentDataset', () => {
  it('keeps sourceUri null and reports a source that is not JSON', () => {
    const problems: unknown[] = [];
    const d = toExperimentDataset({ name: 'n', digest: 'd', sourceType: 's3', source: '{"uri": ', context: 'input' }, 'here', (p) => problems.push(p));
    expect(d).toMatchObject({ sourceUri: null, namespace: null, olName: null, context: 'input' });
    expect(problems).toEqual([{ where: 'here', message: 'dataset "n" (d): source is not valid JSON' }]);
  });

  it('takes uri (or url for http sources) and ignores sources without one', () => {
    const report = () => undefined;
    const input = { name: 'n', digest: 'd', sourceType: 'http', context: null };
    expect(toExperimentDataset({ ...input, source: '{"url": "https://h/x.csv"}' }, 'w', report)).toMatchObject({
      sourceUri: 'https://h/x.csv',
      namespace: 'https://h',
      olName: '/x.csv',
    });
    expect(toExperimentDataset({ ...input, source: '{"path": "org/ds"}' }, 'w', report).sourceUri).toBeNull();
  });
});

describe('metric values', () => {
  it('parses what Python float() accepts from MLflow files, and nothing else', () => {
    expect(parseMetricNumber('nan')).toBeNaN();
    expect(parseMetricNumber('-NaN')).toBeNaN();
    expect(parseMetricNumber('inf')).toBe(Infinity);
    expect(parseMetricNumber('+Infinity')).toBe(Infinity);
    expect(parseMetricNumber('-inf')).toBe(-Infinity);
    expect(parseMetricNumber('1e-3')).toBe(0.001);
    expect(parseMetricNumber('.5')).toBe(0.5);
    expect(parseMetricNumber('')).toBeNull();
    expect(parseMetricNumber('0x10')).toBeNull();
    expect(parseMetricNumber('abc')).toBeNull();
  });

  it('undoes the SQL store encoding: is_nan → NaN, ±DBL_MAX → ±Infinity', () => {
    expect(fromSqlMetricValue(0, 1)).toBeNaN();
    expect(fromSqlMetricValue(0, 0)).toBe(0);
    expect(fromSqlMetricValue(1.7976931348623157e308, 0)).toBe(Infinity);
    expect(fromSqlMetricValue(-1.7976931348623157e308, 0)).toBe(-Infinity);
    expect(fromSqlMetricValue(Infinity, 0)).toBe(Infinity);
    expect(fromSqlMetricValue(null, 0)).toBeNaN();
    expect(fromSqlMetricValue(2.5, 0)).toBe(2.5);
  });

  it('orders recency by step, then timestamp, then value; NaN never displaces an equal point', () => {
    const p = (step: number, timestamp: number, value: number) => ({ step, timestamp, value });
    expect(isMoreRecent(p(2, 0, 0), p(1, 9, 9))).toBe(true);
    expect(isMoreRecent(p(1, 10, 0), p(1, 9, 9))).toBe(true);
    expect(isMoreRecent(p(1, 9, 10), p(1, 9, 9))).toBe(true);
    expect(isMoreRecent(p(1, 9, NaN), p(1, 9, 9))).toBe(false);
    expect(isMoreRecent(p(1, 9, 9), p(1, 9, NaN))).toBe(false);
  });
});

describe('parseMetricFile', () => {
  it('handles 2, 3 and 5 fields, CRLF and blank lines; reports the rest by line', () => {
    const parsed = parseMetricFile('10 1\r\n11 2 1\n\n12 3 2 ds abcd\n13 x 3\n14 4 1.5\n15\n');
    expect(parsed.points).toEqual([
      { timestamp: 10, value: 1, step: 0 },
      { timestamp: 11, value: 2, step: 1 },
      { timestamp: 12, value: 3, step: 2 },
    ]);
    expect(parsed.problems).toEqual([
      { line: 5, message: 'value "x" is not a number' },
      { line: 6, message: 'step "1.5" is not an integer' },
      { line: 7, message: 'expected 2, 3 or 5 fields, found 1' },
    ]);
  });

  it('reads the same lines fed in chunks split anywhere, and skips a line too long to be a metric without holding it', () => {
    const text = `10 1 0\n${'9'.repeat(10_000)}\n11 2 1\n12 3 2`;
    const points: unknown[] = [];
    const problems: unknown[] = [];
    const reader = new MetricLineReader({ point: (p) => points.push(p) > 0, problem: (p) => problems.push(p) });
    for (let i = 0; i < text.length; i += 7) reader.feed(text.slice(i, i + 7));
    reader.end();
    expect(points).toEqual([{ timestamp: 10, value: 1, step: 0 }, { timestamp: 11, value: 2, step: 1 }, { timestamp: 12, value: 3, step: 2 }]);
    expect(problems).toEqual([{ line: 2, message: 'longer than 4096 characters' }]);
  });

  it('stops reading when the visitor has enough points', () => {
    const points: unknown[] = [];
    const reader = new MetricLineReader({ point: (p) => points.push(p) < 2, problem: () => {} });
    expect(reader.feed('1 1 0\n2 2 1\n3 3 2\n')).toBe(false);
    expect(points).toHaveLength(2);
  });
});

describe('run status and problems', () => {
  it('maps names and the file store numbers', () => {
    expect(toRunStatus('FINISHED')).toBe('FINISHED');
    expect(toRunStatus(3)).toBe('FINISHED');
    expect(toRunStatus('5')).toBe('KILLED');
    expect(toRunStatus(1)).toBe('RUNNING');
    expect(toRunStatus(2)).toBe('SCHEDULED');
    expect(toRunStatus(4)).toBe('FAILED');
    expect(toRunStatus(9)).toBeNull();
    expect(toRunStatus('DONE')).toBeNull();
  });

  it('lists a bounded number of problems and counts the rest', () => {
    const list = new ProblemList();
    for (let i = 0; i < MAX_LISTED_PROBLEMS + 5; i += 1) list.add({ where: `f${i}`, message: 'bad' });
    const problems = list.toArray();
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems.at(-1)).toEqual({ where: '(more)', message: '5 more problems not listed' });
  });
});

describe('parsePyYaml (meta.yaml as PyYAML wrote it)', () => {
  it('keeps hex ids and digests that look like exponent floats as text', () => {
    expect(parsePyYaml('digest: 4941e098\nrun_id: e1000000000000000000000000000001\n')).toEqual({
      digest: '4941e098',
      run_id: 'e1000000000000000000000000000001',
    });
  });

  it('resolves plain ints, dotted floats, nulls and booleans; quoted scalars stay text', () => {
    expect(
      parsePyYaml("status: 3\nx: 1.5\ny: 1.0e+3\nend_time: null\nz: ~\nflag: true\nid: '7'\ninf: .inf\nn: -.inf\n"),
    ).toEqual({ status: 3, x: 1.5, y: 1000, end_time: null, z: null, flag: true, id: '7', inf: Infinity, n: -Infinity });
  });

  it('reads nested maps and lists, and keeps "__proto__" as an own key', () => {
    const doc = parsePyYaml('tags:\n  mlflow.data.context: input\n  __proto__: x\naliases:\n- prod\n- old\n');
    expect(doc).toEqual({ tags: { 'mlflow.data.context': 'input', ['__proto__']: 'x' }, aliases: ['prod', 'old'] });
  });

  it('throws the parser message for text that is not YAML', () => {
    expect(() => parsePyYaml('a: [unclosed\n')).toThrow(/Flow sequence/);
  });
});
