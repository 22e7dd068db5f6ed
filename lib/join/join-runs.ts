import { LINK_RULES, experimentRunKey, type ExperimentRun, type LineageRun, type LinkRule, type UnifiedRun } from '@/lib/model';
import { conflictSentence, linkDetail } from './detail';
import { suggestByDataset, type DatasetSuggestion } from './dataset-suggestion';
import { EXPERIMENT_SIDE_RULES, experimentEvidence, experimentKey as experimentKeyOf, lineageEvidence, type LinkEvidence } from './evidence';
import { idKey } from './ids';

const precedence = (rule: LinkRule) => LINK_RULES.indexOf(rule);

function pushNote(notes: Map<string, string[]>, key: string, note: string) {
  const list = notes.get(key) ?? [];
  if (!list.includes(note)) list.push(note);
  notes.set(key, list);
}

/**
 * Pairs lineage runs with experiment runs one-to-one. Evidence is taken in rule precedence order, so
 * the strongest rule decides a pair; weaker evidence naming someone else becomes a conflict note.
 * Every run comes out exactly once, matched or not.
 */
export function joinRuns(lineageRuns: LineageRun[], experimentRuns: ExperimentRun[], now = Date.now()): UnifiedRun[] {
  const lineageByKey = new Map<string, LineageRun>();
  for (const run of lineageRuns) if (!lineageByKey.has(idKey(run.runId))) lineageByKey.set(idKey(run.runId), run);
  const experimentByKey = new Map<string, ExperimentRun>();
  for (const run of experimentRuns) if (!experimentByKey.has(experimentKeyOf(run))) experimentByKey.set(experimentKeyOf(run), run);

  const lineageNotes = new Map<string, string[]>();
  const experimentNotes = new Map<string, string[]>();
  const evidence: LinkEvidence[] = [];
  for (const e of [...[...lineageByKey.values()].flatMap(lineageEvidence), ...[...experimentByKey.values()].flatMap(experimentEvidence)]) {
    const hasLineage = lineageByKey.has(e.lineageKey);
    const hasExperiment = experimentByKey.has(e.experimentKey);
    if (hasLineage && hasExperiment) evidence.push(e);
    else if (EXPERIMENT_SIDE_RULES.has(e.rule) && hasExperiment) {
      pushNote(experimentNotes, e.experimentKey, `Its ${e.rule} evidence names OpenLineage run ${e.namedId}, which no configured lineage source has.`);
    } else if (e.rule !== 'uuid' && hasLineage) {
      pushNote(lineageNotes, e.lineageKey, `Its ${e.rule} evidence names ${e.tracker} run ${e.namedId}, which no configured experiment source has.`);
    }
  }
  evidence.sort((a, b) => precedence(a.rule) - precedence(b.rule));
  // Evidence per run, in precedence order, so each run looks only at its own (linear, not quadratic).
  const byLineage = groupBy(evidence, (e) => e.lineageKey);
  const byExperiment = groupBy(evidence, (e) => e.experimentKey);

  const partnerOfLineage = new Map<string, string>();
  const partnerOfExperiment = new Map<string, string>();
  for (const e of evidence) {
    if (!partnerOfLineage.has(e.lineageKey) && !partnerOfExperiment.has(e.experimentKey)) {
      partnerOfLineage.set(e.lineageKey, e.experimentKey);
      partnerOfExperiment.set(e.experimentKey, e.lineageKey);
    }
  }

  // The dataset rule only suggests partners for runs that no id-based rule linked.
  const suggestions = new Map<string, DatasetSuggestion>();
  const unmatchedLineage = [...lineageByKey].filter(([key]) => !partnerOfLineage.has(key)).map(([, run]) => run);
  const unmatchedExperiments = [...experimentByKey].filter(([key]) => !partnerOfExperiment.has(key)).map(([, run]) => run);
  for (const suggestion of suggestByDataset(unmatchedLineage, unmatchedExperiments, now)) {
    const lineageKey = idKey(suggestion.lineage.runId);
    const experimentKey = experimentKeyOf(suggestion.experiment);
    partnerOfLineage.set(lineageKey, experimentKey);
    partnerOfExperiment.set(experimentKey, lineageKey);
    suggestions.set(lineageKey, suggestion);
  }

  const unified: UnifiedRun[] = [];
  const canonicalOfLineage = new Map<string, string>();
  const canonicalOfExperiment = new Map<string, string>();

  for (const [lineageKey, lineage] of lineageByKey) {
    const experimentKey = partnerOfLineage.get(lineageKey);
    const experiment = experimentKey === undefined ? null : (experimentByKey.get(experimentKey) ?? null);
    const notes = [...(lineageNotes.get(lineageKey) ?? [])];
    let link: UnifiedRun['link'] = null;
    if (experiment && experimentKey !== undefined) {
      const touching = [...(byLineage.get(lineageKey) ?? []), ...(byExperiment.get(experimentKey) ?? [])];
      const mine = (byLineage.get(lineageKey) ?? []).filter((e) => e.experimentKey === experimentKey);
      const rules = [...new Set(mine.map((e) => e.rule))];
      const conflicts = touching
        .filter((e) => (e.lineageKey === lineageKey) !== (e.experimentKey === experimentKey))
        .map((e) => e.lineageKey === lineageKey
          ? conflictSentence(e.rule, experimentOf(experimentByKey, e.experimentKey), e.tracker)
          : conflictSentence(e.rule, lineageByKey.get(e.lineageKey)?.runId ?? e.lineageKey, 'OpenLineage'));
      const [rule] = rules;
      const suggestion = suggestions.get(lineageKey);
      if (rule !== undefined) link = { rule, rules, detail: linkDetail(rules, lineage, experiment), conflicts: [...new Set(conflicts)] };
      else if (suggestion) link = { rule: 'dataset', rules: ['dataset'], detail: datasetDetail(suggestion), conflicts: [] };
      notes.push(...(experimentNotes.get(experimentKey) ?? []));
      canonicalOfExperiment.set(experimentKey, lineage.runId);
    } else {
      notes.push(...unmatchedNotes(byLineage.get(lineageKey) ?? [], 'lineage', lineageByKey, experimentByKey));
    }
    canonicalOfLineage.set(lineageKey, lineage.runId);
    unified.push({ id: lineage.runId, lineage, experiment, link, parentId: null, childIds: [], notes });
  }

  for (const [experimentKey, experiment] of experimentByKey) {
    if (partnerOfExperiment.has(experimentKey)) continue;
    const notes = [...(experimentNotes.get(experimentKey) ?? []), ...unmatchedNotes(byExperiment.get(experimentKey) ?? [], 'experiment', lineageByKey, experimentByKey)];
    // A W&B run's canonical id is its path: its 8-character id is unique only within the project.
    const id = experimentRunKey(experiment);
    canonicalOfExperiment.set(experimentKey, id);
    unified.push({ id, lineage: null, experiment, link: null, parentId: null, childIds: [], notes });
  }

  return nestRuns(unified, canonicalOfLineage, canonicalOfExperiment);
}

function datasetDetail(suggestion: DatasetSuggestion): string {
  return `Suggested, lower confidence: no id links these runs, but both logged ${suggestion.shared.join(', ')} in the same time window.`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Evidence about a run left unmatched: its partner was taken by a stronger rule. Each sentence says
 * who wrote the evidence (this run or the other) and which run it names.
 */
function unmatchedNotes(evidence: LinkEvidence[], side: 'lineage' | 'experiment', lineageByKey: Map<string, LineageRun>, experimentByKey: Map<string, ExperimentRun>): string[] {
  return evidence.map((e) => {
    const other = side === 'lineage'
      ? `${e.tracker} run ${experimentOf(experimentByKey, e.experimentKey)}`
      : `OpenLineage run ${lineageByKey.get(e.lineageKey)?.runId ?? e.namedId}`;
    const otherSide = side === 'lineage' ? 'OpenLineage' : 'experiment';
    const writtenHere = (side === 'experiment') === EXPERIMENT_SIDE_RULES.has(e.rule);
    return writtenHere
      ? `Its ${e.rule} evidence names ${other}, which is already linked to another ${otherSide} run by a stronger rule.`
      : `${other} names this run by rule ${e.rule}, but is already linked to another ${otherSide} run by a stronger rule.`;
  });
}

/** How messages name an experiment run: its id, or a W&B run's path. */
function experimentOf(byKey: Map<string, ExperimentRun>, key: string): string {
  const run = byKey.get(key);
  return run ? experimentRunKey(run) : key;
}

/** The OpenLineage `parent` facet decides nesting; the MLflow `mlflow.parentRunId` tag fills in where it is absent. */
function nestRuns(runs: UnifiedRun[], canonicalOfLineage: Map<string, string>, canonicalOfExperiment: Map<string, string>): UnifiedRun[] {
  const byId = new Map(runs.map((run) => [run.id, run]));
  for (const run of runs) {
    const lineageParent = run.lineage?.parent ? canonicalOfLineage.get(idKey(run.lineage.parent.runId)) : undefined;
    const mlflowParentId = run.experiment?.tags['mlflow.parentRunId'];
    const experimentParent = mlflowParentId ? canonicalOfExperiment.get(idKey(mlflowParentId)) : undefined;
    const parentId = lineageParent ?? experimentParent ?? null;
    if (parentId === null || parentId === run.id) continue;
    run.parentId = parentId;
    byId.get(parentId)?.childIds.push(run.id);
  }
  return runs;
}
