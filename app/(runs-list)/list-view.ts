import type { RunGroupView } from '@/components/runs/runs-table';
import type { RunPage } from '@/lib/catalog/run-list';
import { toRunRow, withColumns } from '@/lib/catalog/run-row';
import { runLabel } from '@/lib/model/run-fields';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

/** The table's rows: each listed run with the stages the page loaded under it (none when the list is flat). */
export function groupsOf(page: RunPage, columns: readonly string[], query: Record<string, string>): RunGroupView[] {
  const stages = new Map((page.grouped?.stages ?? []).map((g) => [g.parentId, g]));
  const { cursor: _cursor, ...rest } = query;
  return page.runs.map((run) => {
    const group = stages.get(run.id);
    return {
      row: withColumns(toRunRow(run), columns),
      stages: (group?.runs ?? []).map((stage) => withColumns(toRunRow(stage), columns)),
      stageTotal: group?.total ?? 0,
      stagesHref: `/?${new URLSearchParams({ ...(rest.sort ? { sort: rest.sort } : {}), ...(rest.columns ? { columns: rest.columns } : {}), parent: run.id })}`,
    };
  });
}

/** What the count counts: top-level runs and stages apart when grouped; one parent's stages; or every match, flat. */
export function countText(page: RunPage, parentQuery: string | undefined, filtered: boolean): string {
  const shown = `Showing ${count(page.runs.length)} of`;
  if (page.grouped) return `${shown} ${plural(page.total, 'run')} (pipeline executions and standalone runs); ${plural(page.grouped.stagesTotal, 'stage')} in all`;
  if (parentQuery !== undefined) return `${shown} ${plural(page.total, 'stage')} of ${page.parent ? runLabel(page.parent) : parentQuery}`;
  return `${shown} ${plural(page.total, 'run')}, stages included (listed flat${filtered ? ' while filtering' : ''})`;
}
