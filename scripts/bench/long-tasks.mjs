#!/usr/bin/env node
// The longest stretches a V8 CPU profile (`node --cpu-prof`) spent without going idle: each is a task that held
// the event loop (timers and requests waited meanwhile), with the functions it spent its time in.
// `node scripts/bench/long-tasks.mjs <file.cpuprofile | dir> [--top=10] [--over=100]`; the benches call longTasks().
import fs from 'node:fs';
import path from 'node:path';

const IDLE = new Set(['(idle)', '(program)']);

/** Busy stretches of one profile, longest first: { ms, startMs, frames: [{ name, ms }] } (self time, top 6). */
export function longTasks(profile, top = 10) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const label = (n) => {
    const f = n.callFrame;
    const file = f.url ? path.basename(f.url.replace(/^file:\/\//, '')) : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const tasks = [];
  let current = null;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const node = nodes.get(profile.samples[i]);
    const idle = node === undefined || IDLE.has(node.callFrame.functionName);
    if (idle) {
      if (current) tasks.push(current);
      current = null;
      continue;
    }
    // A sample stands for the time until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? delta) / 1000;
    current ??= { ms: 0, startMs: (at - profile.startTime) / 1000, self: new Map() };
    current.ms += ms;
    const name = label(node);
    current.self.set(name, (current.self.get(name) ?? 0) + ms);
  }
  if (current) tasks.push(current);
  return tasks.sort((a, b) => b.ms - a.ms).slice(0, top).map((t) => ({
    ms: t.ms, startMs: t.startMs,
    frames: [...t.self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, ms]) => ({ name, ms })),
  }));
}

/** The profiles a directory holds (`--cpu-prof-dir`), or the one file. */
export function profilesIn(target) {
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f));
}

/** One line per task: its length, when it began, and where its time went. */
export function describeLongTasks(target, { top = 10, overMs = 0 } = {}) {
  const lines = [];
  for (const file of profilesIn(target)) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
    const tasks = longTasks(profile, top).filter((t) => t.ms >= overMs);
    lines.push(`${path.basename(file)}: ${tasks.length} busy stretches${overMs ? ` ≥ ${overMs} ms` : ''} (longest ${top})`);
    for (const t of tasks) {
      lines.push(`  ${t.ms.toFixed(0).padStart(5)} ms at +${(t.startMs / 1000).toFixed(1)} s: ${t.frames.map((f) => `${f.name} ${f.ms.toFixed(0)}`).join(' | ')}`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const target = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!target) {
    console.error('usage: node scripts/bench/long-tasks.mjs <file.cpuprofile | dir> [--top=10] [--over=100]');
    process.exit(2);
  }
  console.log(describeLongTasks(target, { top: Number(arg('top') ?? 10), overMs: Number(arg('over') ?? 0) }));
}
