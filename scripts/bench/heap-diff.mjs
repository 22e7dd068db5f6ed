#!/usr/bin/env node
// Compares two V8 heap snapshots (e.g. `npm run bench:load -- --heap-snapshots <dir>`): which kinds of object grew,
// and what holds the objects that are new in the second (their paths from the GC roots, weighted by size).
// Usage: node scripts/bench/heap-diff.mjs <before.heapsnapshot> <after.heapsnapshot> [--top <n>] [--depth <n>]
// Reads the files as bytes (no 500 MB JSON string), so snapshots of heaps of several hundred MB fit.
import fs from 'node:fs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const TOP = arg('top', 25);
/** How many steps of a retainer path (from the object up) name its holder. */
const DEPTH = arg('depth', 10);
/** Growth summed under paths of up to this many steps below the holder that existed before. */
const PREFIX = arg('prefix', 4);

/** The numbers of the JSON array that starts after `key` in `buf`, as a Float64Array. */
function numberArray(buf, key) {
  const start = buf.indexOf(key) + key.length;
  const end = buf.indexOf(']', start);
  const out = new Float64Array(Math.ceil((end - start) / 2) + 1);
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
    } else if (inNumber) {
      out[n++] = value;
      value = 0;
      inNumber = false;
    }
  }
  if (inNumber) out[n++] = value;
  return out.subarray(0, n);
}

/** The JSON string array after `key`, one literal at a time. */
function stringArray(buf, key) {
  let i = buf.indexOf(key) + key.length;
  const strings = [];
  for (;;) {
    while (buf[i] !== 34 && buf[i] !== 93) i++;
    if (buf[i] === 93) return strings;
    let j = i + 1;
    while (buf[j] !== 34) j += buf[j] === 92 ? 2 : 1;
    strings.push(JSON.parse(buf.toString('utf8', i, j + 1)));
    i = j + 1;
  }
}

function readSnapshot(file) {
  const buf = fs.readFileSync(file);
  const headerEnd = buf.indexOf('"nodes":');
  const meta = JSON.parse(`${buf.toString('utf8', 0, headerEnd).replace(/,\s*$/, '')}}`).snapshot.meta;
  const nodes = numberArray(buf, '"nodes":[');
  const edges = numberArray(buf, '"edges":[');
  const strings = stringArray(buf, '"strings":[');
  const nf = meta.node_fields;
  const ef = meta.edge_fields;
  const snap = {
    nodes, edges, strings, nodeWidth: nf.length, edgeWidth: ef.length,
    nodeTypes: meta.node_types[0], edgeTypes: meta.edge_types[0],
    typeAt: nf.indexOf('type'), nameAt: nf.indexOf('name'), idAt: nf.indexOf('id'), sizeAt: nf.indexOf('self_size'), edgeCountAt: nf.indexOf('edge_count'),
    edgeTypeAt: ef.indexOf('type'), edgeNameAt: ef.indexOf('name_or_index'), edgeToAt: ef.indexOf('to_node'),
  };
  snap.count = nodes.length / snap.nodeWidth;
  // First edge of each node: edges are listed node after node.
  snap.firstEdge = new Uint32Array(snap.count + 1);
  for (let n = 0, e = 0; n < snap.count; n++) {
    snap.firstEdge[n] = e;
    e += nodes[n * snap.nodeWidth + snap.edgeCountAt] * snap.edgeWidth;
    snap.firstEdge[n + 1] = e;
  }
  return snap;
}

const typeOf = (s, n) => s.nodeTypes[s.nodes[n * s.nodeWidth + s.typeAt]];
const nameOf = (s, n) => s.strings[s.nodes[n * s.nodeWidth + s.nameAt]];
const sizeOf = (s, n) => s.nodes[n * s.nodeWidth + s.sizeAt];
const idOf = (s, n) => s.nodes[n * s.nodeWidth + s.idAt];

/** What an object is, for grouping: its constructor for objects and closures, its kind otherwise. */
function kindOf(s, n) {
  const type = typeOf(s, n);
  if (type === 'object' || type === 'closure' || type === 'native') return `${type} ${nameOf(s, n).slice(0, 60)}`;
  if (type === 'hidden' || type === 'array' || type === 'code') return `${type} ${nameOf(s, n).slice(0, 40)}`;
  return type;
}

/** Breadth-first from the root (node 0) over strong edges: each node's parent and the edge's label. */
function shortestRetainers(s) {
  const parent = new Int32Array(s.count).fill(-1);
  const via = new Array(s.count);
  const queue = new Int32Array(s.count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  parent[0] = 0;
  while (head < tail) {
    const n = queue[head++];
    for (let e = s.firstEdge[n]; e < s.firstEdge[n + 1]; e += s.edgeWidth) {
      const type = s.edgeTypes[s.edges[e + s.edgeTypeAt]];
      if (type === 'weak' || type === 'shortcut') continue;
      const to = s.edges[e + s.edgeToAt] / s.nodeWidth;
      if (parent[to] !== -1) continue;
      parent[to] = n;
      const name = s.edges[e + s.edgeNameAt];
      // Indices (and index-like names of internal edges) are folded, so the paths of a collection's items group together.
      const label = type === 'element' || type === 'hidden' ? '' : String(s.strings[name]);
      via[to] = /^\d*$/.test(label) ? '[]' : type === 'context' ? `ctx.${label}` : `.${label}`;
      queue[tail++] = to;
    }
  }
  return { parent, via };
}

function totalsByKind(s) {
  const totals = new Map();
  for (let n = 0; n < s.count; n++) {
    const kind = kindOf(s, n);
    const t = totals.get(kind) ?? { size: 0, count: 0 };
    t.size += sizeOf(s, n);
    t.count += 1;
    totals.set(kind, t);
  }
  return totals;
}

const mb = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;
const [beforeFile, afterFile] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (!beforeFile || !afterFile) {
  console.error('usage: heap-diff.mjs <before.heapsnapshot> <after.heapsnapshot> [--top n] [--depth n]');
  process.exit(2);
}
const before = readSnapshot(beforeFile);
const after = readSnapshot(afterFile);
const totalOf = (s) => { let t = 0; for (let n = 0; n < s.count; n++) t += sizeOf(s, n); return t; };
console.log(`before: ${before.count} objects, ${mb(totalOf(before))}; after: ${after.count} objects, ${mb(totalOf(after))}`);

const a = totalsByKind(before);
const b = totalsByKind(after);
const grown = [...b].map(([kind, t]) => ({ kind, delta: t.size - (a.get(kind)?.size ?? 0), countDelta: t.count - (a.get(kind)?.count ?? 0), size: t.size }))
  .sort((x, y) => y.delta - x.delta).slice(0, TOP);
console.log(`\nkinds that grew most (self size):`);
for (const g of grown) console.log(`  ${mb(g.delta).padStart(10)}  ${String(g.countDelta).padStart(9)} objects  (now ${mb(g.size)})  ${g.kind}`);

// Objects new in the second snapshot (ids are stable between snapshots of one process), grouped by what holds them.
const oldIds = new Set();
for (let n = 0; n < before.count; n++) oldIds.add(idOf(before, n));
const { parent, via } = shortestRetainers(after);
const holders = new Map();
/** Everything new under each of the first PREFIX steps below an old holder: where the bulk of the growth hangs. */
const underPrefix = new Map();
let newBytes = 0;
for (let n = 1; n < after.count; n++) {
  if (oldIds.has(idOf(after, n)) || parent[n] === -1) continue;
  const size = sizeOf(after, n);
  newBytes += size;
  // The path from the root down to this object, keeping its last DEPTH steps above the first old (pre-existing) holder.
  const steps = [];
  let at = n;
  while (at !== 0 && steps.length < 200) {
    const p = parent[at];
    steps.push(`${via[at]} ${kindOf(after, p).replace(/^object /, '')}`);
    if (oldIds.has(idOf(after, p))) break;
    at = p;
  }
  steps.reverse();
  for (let length = 1; length <= Math.min(PREFIX, steps.length); length++) {
    const prefix = steps.slice(0, length).join('  →  ');
    const under = underPrefix.get(prefix) ?? { size: 0, holder: parent[at] };
    under.size += size;
    underPrefix.set(prefix, under);
  }
  const key = steps.slice(0, DEPTH).join('  →  ');
  const held = holders.get(key) ?? { size: 0, holder: parent[at] };
  held.size += size;
  holders.set(key, held);
}
/** The path from the GC roots to `n`, its last `max` steps. */
function rootPath(n, max = 12) {
  const steps = [];
  for (let at = n; at !== 0 && steps.length < max; at = parent[at]) steps.push(`${kindOf(after, parent[at]).replace(/^object /, '')} ${via[at]}`);
  return steps.reverse().join('  →  ');
}
console.log(`\nnew objects: ${mb(newBytes)}; summed under each path of up to ${PREFIX} steps from the nearest object that existed before (top ${TOP}):`);
for (const [key, { size, holder }] of [...underPrefix].sort((x, y) => y[1].size - x[1].size).slice(0, TOP)) {
  console.log(`  ${mb(size).padStart(10)}  ${key}\n              held by: ${rootPath(holder)}`);
}
console.log(`\nnew objects by their path from the nearest object that existed before (top ${TOP}):`);
for (const [key, { size, holder }] of [...holders].sort((x, y) => y[1].size - x[1].size).slice(0, TOP)) {
  console.log(`  ${mb(size).padStart(10)}  ${key}\n              held by: ${rootPath(holder)}`);
}
