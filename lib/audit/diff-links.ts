import type { LinkRule, UnifiedRun } from '@/lib/model';
import { diffStatus, type DiffStatus } from './diff-status';

export interface LinkView {
  /** Null for an unmatched run. */
  rule: LinkRule | null;
  rules: LinkRule[];
  /** Why the two sides are one run, or why the run is unmatched. */
  detail: string;
}

export interface LinkDiff {
  links: LinkView[];
  /** Whether the runs are linked by the same rule. */
  status: DiffStatus;
}

function linkView(run: UnifiedRun): LinkView {
  if (run.link) return { rule: run.link.rule, rules: run.link.rules, detail: run.link.detail };
  const side = run.lineage ? 'OpenLineage only' : 'MLflow only';
  return { rule: null, rules: [], detail: [`Unmatched (${side}).`, ...run.notes].join(' ') };
}

/** How each run's lineage and experiment sides are linked. */
export function diffLinks(runs: UnifiedRun[]): LinkDiff {
  const links = runs.map(linkView);
  return { links, status: diffStatus(links.map((l) => l.rule ?? 'unmatched')) };
}
