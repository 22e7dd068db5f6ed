import 'server-only';
import type { Dataset, Job, SourceProblem } from '@/lib/model';
import { buildModel } from '@/lib/openlineage/build-model';
import type { LoadedEvent } from '@/lib/openlineage/parse-text';
import { restAfter } from './event-loop-rest';
import { allInputsOf, listsFirstPart, splitLongEvent, writtenBy } from './split-long-event';

/** Events per model build: building 2,000 at once held the event loop for half a second on a busy machine. */
const EVENTS_PER_BUILD = 200;


/**
 * The jobs and datasets a feed batch's events describe, built in slices with the event loop free in
 * between, and what building them noticed (merged same-instant events, zone-less times), for /health.
 * A job or dataset may be reported once per slice: the index keeps one row, the newer report winning.
 */
export async function batchEntities(events: readonly LoadedEvent[], source: string): Promise<{ jobs: Job[]; datasets: Dataset[]; problems: SourceProblem[] }> {
  const jobs: Job[] = [];
  const datasets: Dataset[] = [];
  const problems: SourceProblem[] = [];
  let took = 0;
  for (let i = 0; i < events.length; i += EVENTS_PER_BUILD) {
    if (i > 0) await restAfter(took);
    const started = performance.now();
    const slice = events.slice(i, i + EVENTS_PER_BUILD);
    // A run reading thousands of datasets is built a part of its inputs at a time (split-long-event.ts).
    const written = writtenBy(slice);
    const splits = slice.flatMap((e) => splitLongEvent(e, written) ?? []);
    const model = buildModel(splits.length === 0 ? slice : slice.map((e) => splits.find((s) => s.whole === e)?.first ?? e), source);
    took = performance.now() - started;
    const built = [...model.jobs.values()];
    for (const split of splits) {
      const at = built.findIndex((job) => listsFirstPart(job, split));
      if (at >= 0) built[at] = { ...built[at]!, inputs: await allInputsOf(split) };
    }
    jobs.push(...built);
    datasets.push(...model.datasets.values());
    problems.push(...(model.problems ?? []));
    for (const part of splits.flatMap((s) => s.rest)) {
      await restAfter(took);
      const partStarted = performance.now();
      const partModel = buildModel([part], source);
      took = performance.now() - partStarted;
      datasets.push(...partModel.datasets.values());
      problems.push(...(partModel.problems ?? []));
    }
  }
  return { jobs, datasets, problems };
}
