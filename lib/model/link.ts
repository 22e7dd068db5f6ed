/** How a lineage run is tied to an experiment run (see README "Linking your runs"). */

/** In precedence order: the first rule that holds is the one shown. */
export const LINK_RULES = [
  'uuid',
  'mlflow-facet',
  'tags-facet',
  'mlflow-tag',
  'wandb-facet',
  'wandb-config',
  'dataset',
] as const;

export type LinkRule = (typeof LINK_RULES)[number];

export interface RunLink {
  /** The first of `rules` in precedence order. */
  rule: LinkRule;
  /** Every rule whose evidence names this same partner. */
  rules: LinkRule[];
  /** A sentence saying why the two runs are one, for people. */
  detail: string;
  /** Evidence that names a different partner than `rule` chose, one sentence each. */
  conflicts: string[];
}
