import 'server-only';
import type { LineageRun, UpstreamRun } from '@/lib/model';
import type { LineageSource } from '@/lib/sources';
import { datasetLookup, producersFromVersions, versionsRead, type DatasetLookup } from './audit-producers';
import { findRun, type RunIndex } from './run-index';
import { loadUpstream, walkUpstream } from './upstream';

/** An audit follows the chain to its raw inputs; this only stops a pathological graph. */
export const AUDIT_MAX_DEPTH = 100;

export interface AuditChain {
  /** The subject first (depth 0), then every run upstream with its distance; versions filled in where a source could give them. */
  runs: UpstreamRun[];
  truncated: boolean;
  basis: string;
  /** Rounds of requests (each a batch issued together): one per level at most, one for a whole chain Marquez answers, two more per level it cannot. */
  rounds: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A run the source could not list upstream of (Marquez 500s on raw inputs): its own record, without producers. */
function bareRun(index: RunIndex, runId: string, depth: number): UpstreamRun | null {
  const lineage = findRun(index, runId)?.lineage;
  if (!lineage) return null;
  return {
    runId, job: lineage.job, state: lineage.state, startedAt: lineage.startedAt, endedAt: lineage.endedAt, depth,
    inputs: lineage.inputs.map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, producedByRunId: null })),
  };
}

/**
 * Asks the source level by level: each round sends one upstream request per frontier run, all at once,
 * each for the whole remaining depth, so a source that answers a whole chain (Marquez) needs one round
 * and one that stops early (Marquez's 500 on raw inputs, then halving) resumes from where it stopped.
 */
async function chainFromSource(index: RunIndex, source: LineageSource, upstream: NonNullable<LineageSource['upstream']>, datasets: DatasetLookup, subject: LineageRun, maxDepth: number): Promise<AuditChain> {
  const found = new Map<string, UpstreamRun>();
  const asked = new Set<string>([subject.runId]);
  const failed: string[] = [];
  let frontier = [{ runId: subject.runId, depth: 0 }];
  let rounds = 0;
  let truncated = false;
  let reached: number | null = null;
  const recoveredIds = new Set<string>();
  while (frontier.length > 0) {
    rounds++;
    // Ask for what the last cut-short answer reached: Marquez halves from there instead of from the whole depth.
    const ask = (f: { depth: number }) => Math.max(1, Math.min(maxDepth - f.depth, reached ?? Infinity));
    const answers = await Promise.all(frontier.map((f) => upstream(f.runId, ask(f)).then(
      (lineage) => ({ f, lineage, error: null }), (error: unknown) => ({ f, lineage: null, error }))));
    const unanswered: Array<{ runId: string; depth: number }> = [];
    for (const { f, lineage, error } of answers) {
      if (lineage === null) {
        failed.push(`${f.runId} (${message(error)})`);
        unanswered.push(f);
        continue;
      }
      if (lineage.truncated) reached = Math.max(1, ...lineage.runs.map((r) => r.depth));
      for (const r of lineage.runs) {
        const depth = f.depth + r.depth;
        const known = found.get(r.runId);
        if (depth > maxDepth || recoveredIds.has(r.runId) || (known !== undefined && known.depth <= depth)) continue;
        found.set(r.runId, { ...r, depth });
        // Marquez names a run itself as the producer of a dataset it read and then wrote: not what it read.
        if (r.inputs.some((d) => d.producedByRunId === r.runId)) unanswered.push({ runId: r.runId, depth });
      }
    }
    // What the source could not answer: producers from the versions read and the datasets' writers.
    const recovered = await producersFromVersions(source, unanswered, datasets);
    if (unanswered.length > 0) rounds += 2;
    for (const f of unanswered) {
      const run = recovered.find((r) => r.runId === f.runId) ?? found.get(f.runId) ?? bareRun(index, f.runId, f.depth);
      if (!run) continue;
      found.set(f.runId, { ...run, depth: f.depth, inputs: run.inputs.map((d) => (d.producedByRunId === f.runId ? { ...d, producedByRunId: null } : d)) });
      recoveredIds.add(f.runId);
    }
    const next: Array<{ runId: string; depth: number }> = [];
    for (const run of found.values()) {
      for (const input of run.inputs) {
        const producer = input.producedByRunId;
        if (producer === null || found.has(producer) || asked.has(producer)) continue;
        if (run.depth + 1 > maxDepth) {
          truncated = true;
          continue;
        }
        asked.add(producer);
        next.push({ runId: producer, depth: run.depth + 1 });
      }
    }
    frontier = next;
  }
  const notes = failed.length === 0 ? '' : ` ${source.id} could not list the upstream of ${failed.length} run(s) (it fails when a run reached read data no run produced, i.e. raw inputs), so their producers come from the datasets' version lists: ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''}.`;
  return { runs: [...found.values()], truncated, basis: `From ${source.id}'s run-level lineage in ${rounds} round(s) of requests.${notes}`, rounds };
}

/**
 * The whole upstream chain of `subject` for an audit (up to AUDIT_MAX_DEPTH levels): from a source that
 * answers run-level lineage (Marquez), in level-batched rounds; otherwise walked in memory over the snapshot.
 */
export async function auditChain(index: RunIndex, subject: LineageRun, sources: LineageSource[], maxDepth: number = AUDIT_MAX_DEPTH): Promise<AuditChain> {
  const source = sources.find((s) => s.id === subject.source);
  const local = async () => {
    await loadUpstream(index, subject, maxDepth);
    const walked = walkUpstream(index, subject, maxDepth, maxDepth);
    return { runs: walked.runs, truncated: walked.truncated, basis: walked.basis, rounds: 0 };
  };
  if (!source?.upstream) return local();
  const datasets = datasetLookup(source);
  const fromSource = await chainFromSource(index, source, source.upstream.bind(source), datasets, subject, maxDepth);
  if (fromSource.runs.length === 0) {
    const walked = await local();
    return { ...walked, basis: `${source.id} could not list this run's upstream runs. ${walked.basis}` };
  }
  const { runs, errors } = await versionsRead(source, fromSource.runs);
  const versionNote = errors === 0 ? '' : ` The versions read by ${errors} run(s) could not be fetched (shown as unknown).`;
  return { ...fromSource, runs, basis: `${fromSource.basis} Versions read: each run's own OpenLineage events.${versionNote}` };
}
