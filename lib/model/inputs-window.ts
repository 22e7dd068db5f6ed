import { LIST_LIMIT, windowFrom, type BoundedList } from './bounded-list';
import type { LineageRun, RunDataset } from './lineage';

/**
 * The window of a run's inputs from `offset`: its whole list, or the block of it the run holds (a run reading
 * 100,000 datasets is loaded a block at a time: `inputsFrom`, `inputsTotal`), counted from the first input.
 */
export function inputsWindow(run: LineageRun, offset = 0, limit = LIST_LIMIT): BoundedList<RunDataset> {
  return windowFrom(run.inputs, run.inputsFrom ?? 0, offset, limit, run.inputsTotal ?? run.inputs.length);
}
