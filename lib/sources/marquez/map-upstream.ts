import 'server-only';
import type { UpstreamLineage, UpstreamRun } from '@/lib/model';
import { isoOf, runStateOf } from './map-common';
import type { WireUpstreamLineage, WireUpstreamRun } from './schemas';

export interface UpstreamMapOptions {
  /** The Marquez run UUID asked about. */
  runUuid: string;
  /** The depth Marquez was asked for. */
  depth: number;
  basis: string;
  /** Set when Marquez had to be asked for less than the caller wanted. */
  truncated: boolean;
}

function toUpstreamRun(wire: WireUpstreamRun, depth: number): UpstreamRun {
  return {
    runId: wire.run.id,
    job: { namespace: wire.job.namespace, name: wire.job.name },
    state: runStateOf(wire.run.status),
    startedAt: isoOf(wire.run.start),
    endedAt: isoOf(wire.run.end),
    // Marquez names what was read by its own version UUID, which is no producer version.
    inputs: (wire.inputs ?? []).map((i) => ({ namespace: i.namespace, name: i.name, version: null, producedByRunId: i.producedByRunId ?? null })),
    depth,
  };
}

/**
 * Pure: Marquez's upstream runs, the run asked about first, then breadth first through the inputs'
 * producers, each with its distance. Truncated when runs at the depth limit read from runs not returned.
 */
export function mapUpstream(wire: WireUpstreamLineage, options: UpstreamMapOptions): UpstreamLineage {
  const byId = new Map(wire.runs.map((r) => [r.run.id, r]));
  const start = byId.get(options.runUuid) ?? wire.runs[0];
  const out: UpstreamRun[] = [];
  const seen = new Set<string>();
  const queue: Array<{ run: WireUpstreamRun; depth: number }> = start === undefined ? [] : [{ run: start, depth: 0 }];
  if (start !== undefined) seen.add(start.run.id);
  let leftBehind = false;
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i];
    if (item === undefined) continue;
    out.push(toUpstreamRun(item.run, item.depth));
    for (const input of item.run.inputs ?? []) {
      const producer = input.producedByRunId == null ? undefined : byId.get(input.producedByRunId);
      if (producer === undefined) {
        if (input.producedByRunId != null && input.producedByRunId !== item.run.run.id && item.depth >= options.depth - 1) leftBehind = true;
        continue;
      }
      if (seen.has(producer.run.id)) continue;
      seen.add(producer.run.id);
      queue.push({ run: producer, depth: item.depth + 1 });
    }
  }
  // Runs Marquez returned that the walk did not reach are kept, after the rest, one step further out.
  const furthest = out.reduce((max, r) => Math.max(max, r.depth), 0);
  for (const run of wire.runs) if (!seen.has(run.run.id)) out.push(toUpstreamRun(run, furthest + 1));
  return { runs: out, truncated: options.truncated || leftBehind, basis: options.basis };
}
