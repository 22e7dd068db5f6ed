import Link from 'next/link';
import { RunRow, type RunRowView, type TableColumn } from './run-row';
import { StageGroup, StageToggle } from './stage-group';

export type { RunRowView, TableColumn } from './run-row';

/** A listed run and, when the list is grouped, the first of its stages and how many it has. */
export interface RunGroupView {
  row: RunRowView;
  stages: RunRowView[];
  stageTotal: number;
  /** The flat list of all its stages (`/?parent=<id>`). */
  stagesHref: string;
}

const BASE_COLUMNS = 7;

/**
 * The runs table. Grouped, each pipeline execution is one <tbody> whose stages fold under it; flat (filtered),
 * every run is a row. Each row's checkbox (name=runs) picks it for the compare form (CompareSelection) the table sits in.
 */
export function RunsTable({ groups, columns = [], renderedAtMs, parentLinks }: {
  groups: RunGroupView[]; columns?: TableColumn[]; renderedAtMs: number;
  /** Flat lists mixing stages with other runs: a stage row links to its pipeline run. */
  parentLinks: boolean;
}) {
  return (
    <table data-testid="runs-table">
      <thead>
        <tr>
          <th><span className="subtle" title="Select runs to compare">⇆</span></th><th>Job / stage</th><th>Experiment run</th><th>Status</th><th>Started</th><th>Duration</th><th>Link</th>
          {columns.map((c) => (
            <th key={c.id} aria-sort={c.sorted === 'asc' ? 'ascending' : c.sorted === 'desc' ? 'descending' : undefined}>
              <Link href={c.sortHref} data-testid="column-sort">{c.label}{c.sorted === 'asc' ? ' ▲' : c.sorted === 'desc' ? ' ▼' : ''}</Link>
            </th>
          ))}
        </tr>
      </thead>
      {groups.map((g) => {
        const parent = <RunRow row={g.row} columns={columns} renderedAtMs={renderedAtMs} nesting={parentLinks && g.row.isChild ? 'flat' : 'top'}
          toggle={g.stageTotal > 0 ? <StageToggle total={g.stageTotal} controls={g.stages.map((s) => `stage-${s.id}`).join(' ')} /> : null} />;
        if (g.stageTotal === 0) return <tbody key={g.row.id}>{parent}</tbody>;
        return (
          <StageGroup key={g.row.id}>
            {parent}
            {g.stages.map((s) => <RunRow key={s.id} domId={`stage-${s.id}`} row={s} columns={columns} renderedAtMs={renderedAtMs} nesting="nested" />)}
            {g.stageTotal > g.stages.length ? (
              <tr className="stage-row" data-testid="stages-more">
                <td />
                <td colSpan={BASE_COLUMNS - 1 + columns.length} className="subtle">
                  Showing {g.stages.length.toLocaleString('en-US')} of {g.stageTotal.toLocaleString('en-US')} stages · <Link href={g.stagesHref}>list all its stages</Link>
                </td>
              </tr>
            ) : null}
          </StageGroup>
        );
      })}
    </table>
  );
}
