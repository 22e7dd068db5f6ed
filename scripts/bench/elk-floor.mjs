// Child process of the lineage bench, so each first layout is cold: lays out one explorer graph in a fresh
// Node process and prints JSON timings, the first (cold) layout and the median of the warm ones.
// Usage: node elk-floor.mjs <root> <layout-input.json> <warm rounds> [explorer|every-node]
//   explorer: the explorer's own code (on a huge graph, ELK on its coarse form);
//   every-node: ELK on every node with the same options and the layering forest (no coarse form).
import fs from 'node:fs';
import { importTs, median } from './measure.mjs';

const [root, file, rounds, mode = 'explorer'] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(file, 'utf8'));
const { layoutExplorer, explorerLayoutOptions } = await importTs(root, 'lib/graph/explorer-layout.ts');
const { layeringEdges } = await importTs(root, 'lib/graph/layering-edges.ts');
const { EXPLORER_SIZES } = await importTs(root, 'lib/graph/explorer-sizes.ts');
const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
const elk = new ELK();

function everyNode() {
  const forest = layeringEdges(input.nodes.map((n) => n.id), input.edges);
  return elk.layout({
    id: 'root', layoutOptions: explorerLayoutOptions(input.nodes.length),
    children: input.nodes.map((n) => ({ id: n.id, ...EXPLORER_SIZES[n.kind] })),
    edges: forest.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  });
}

const times = [];
for (let i = 0; i <= Number(rounds); i++) {
  const started = performance.now();
  await (mode === 'every-node' ? everyNode() : layoutExplorer(input));
  times.push(performance.now() - started);
}
console.log(JSON.stringify({ coldMs: times[0], warmMs: median(times.slice(1)) }));
