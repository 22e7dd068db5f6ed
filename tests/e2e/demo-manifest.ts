import fs from 'node:fs';
import path from 'node:path';
import type { DemoManifest, ManifestRun } from '../../scripts/demo-data/manifest.mjs';

/** The ids and facts of the generated demo data (written by `npm run demo:data`). */
export const manifest: DemoManifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.demo-data', 'manifest.json'), 'utf8'));

export function demoRun(label: string): ManifestRun {
  const run = manifest.runs.find((r) => r.label === label);
  if (!run) throw new Error(`demo manifest has no run ${label}`);
  return run;
}
