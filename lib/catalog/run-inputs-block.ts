import 'server-only';
import type { UnifiedRun } from '@/lib/model';
import type { RunIndex } from './run-index';

/**
 * The run with the block of its inputs a page or answer shows from `offset` loaded: the index keeps a run's first
 * inputs with its record, the rest as rows read by position (a run reading 100,000 datasets is paged through).
 */
export async function withInputsAt(index: RunIndex, run: UnifiedRun, offset: number, limit: number): Promise<UnifiedRun> {
  if (!run.lineage) return run;
  const lineage = await index.store.inputsBlock(run.lineage, offset, limit);
  return lineage === run.lineage ? run : { ...run, lineage };
}
