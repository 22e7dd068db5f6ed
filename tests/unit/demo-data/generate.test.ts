import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoData, STAMP_FILE } from '../../../scripts/demo-data/generate.mjs';
import { dumpRows, readEventFiles, tempDir } from './helpers';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('demo data generator', () => {
  it('is deterministic: two generations give byte-identical events and manifests and the same DB rows', () => {
    const a = fresh();
    const b = fresh();
    generateDemoData({ outDir: a, force: true });
    generateDemoData({ outDir: b, force: true });
    expect(readEventFiles(path.join(a, 'openlineage'))).toEqual(readEventFiles(path.join(b, 'openlineage')));
    expect(fs.readFileSync(path.join(a, 'manifest.json'), 'utf8')).toBe(fs.readFileSync(path.join(b, 'manifest.json'), 'utf8'));
    expect(dumpRows(path.join(a, 'mlflow.db'))).toEqual(dumpRows(path.join(b, 'mlflow.db')));
  });

  it('skips the work when the stamp matches, and regenerates when it does not or when forced', () => {
    const d = fresh();
    expect(generateDemoData({ outDir: d }).skipped).toBe(false);
    const db = path.join(d, 'mlflow.db');
    const before = fs.statSync(db).mtimeMs;
    expect(generateDemoData({ outDir: d }).skipped).toBe(true);
    expect(fs.statSync(db).mtimeMs).toBe(before);

    fs.writeFileSync(path.join(d, STAMP_FILE), 'an older generator\n');
    expect(generateDemoData({ outDir: d }).skipped).toBe(false);
    expect(generateDemoData({ outDir: d, force: true }).skipped).toBe(false);
    fs.rmSync(path.join(d, 'manifest.json'));
    expect(generateDemoData({ outDir: d }).skipped).toBe(false);
  });

  it('replaces old output instead of adding to it, and leaves no temp files', () => {
    const d = fresh();
    generateDemoData({ outDir: d });
    fs.writeFileSync(path.join(d, 'openlineage', 'events-20200101-000000.000000.json'), '{}\n');
    const count = readEventFiles(path.join(d, 'openlineage')).length;
    generateDemoData({ outDir: d, force: true });
    expect(readEventFiles(path.join(d, 'openlineage'))).toHaveLength(count - 1);
    expect(fs.readdirSync(d).sort()).toEqual([STAMP_FILE, 'manifest.json', 'mlflow.db', 'openlineage'].sort());
  });
});
