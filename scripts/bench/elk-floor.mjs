// Child process of the lineage bench: lays out one explorer graph with the explorer's own ELK code, in a
// fresh Node process, and prints JSON timings: the first (cold) layout, and the median of the warm ones.
// Usage: node elk-floor.mjs <root> <layout-input.json> <warm rounds>
import fs from 'node:fs';
import { importTs, median } from './measure.mjs';

const [root, file, rounds] = process.argv.slice(2);
const { layoutExplorer } = await importTs(root, 'lib/graph/explorer-layout.ts');
const input = JSON.parse(fs.readFileSync(file, 'utf8'));
const times = [];
for (let i = 0; i <= Number(rounds); i++) {
  const started = performance.now();
  await layoutExplorer(input);
  times.push(performance.now() - started);
}
console.log(JSON.stringify({ coldMs: times[0], warmMs: median(times.slice(1)) }));
