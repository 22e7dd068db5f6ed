import { HttpError } from './errors';
import type { JsonObject, MarquezState } from './state';

/** Dropwizard's answer to an unmapped exception (here UpstreamRunRowMapper's stringOrThrow on a null column). */
const internalError = (): HttpError =>
  HttpError.json(500, 'There was an error processing your request. It has been logged (ID 5e1b3c2a9f0d4e71).');

/**
 * GET /runlineage/upstream: the run, then the runs that produced its input versions, breadth
 * first, `depth` levels. An input version no run produced (a source dataset, or one first seen as
 * an input) has no producer: real Marquez fails the whole request with a 500 there.
 */
export function upstreamRunLineage(state: MarquezState, runUuid: string, depth: number): JsonObject {
  const runs: JsonObject[] = [];
  const seen = new Set<string>();
  let frontier = [runUuid];
  for (let level = 0; level <= depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const uuid of frontier) {
      const run = state.runs.get(uuid);
      if (run === undefined || seen.has(uuid)) continue;
      seen.add(uuid);
      const job = state.jobs.get(run.jobKey);
      // The mapper reads the state with stringOrThrow: a run no event gave a state fails too.
      if (run.transitionedAt === null) throw internalError();
      const inputs = [...run.inputs.values()].map((io) => {
        const version = state.versionsByUuid.get(io.versionUuid);
        const dataset = version === undefined ? undefined : state.datasets.get(version.datasetKey);
        if (version === undefined || dataset === undefined || version.runUuid === null) throw internalError();
        next.push(version.runUuid);
        return { namespace: dataset.namespace, name: dataset.name, version: version.uuid, producedByRunId: version.runUuid };
      });
      runs.push({
        job: { namespace: job?.namespace ?? null, name: job?.name ?? null, version: run.jobVersion },
        run: { id: run.uuid, start: run.startedAt?.iso ?? null, end: run.endedAt?.iso ?? null, status: run.state },
        inputs,
      });
    }
    frontier = next;
  }
  return { runs };
}
