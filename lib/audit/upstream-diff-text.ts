import type { CodeDiff } from './diff-code';
import { datasetLabel } from './diff-datasets';
import type { ParamDiff } from './diff-params';
import { SECRET_NOT_COMPARED } from './secret-param';
import { pairsOf, type InputChange, type RunPairDiff } from './upstream-diff';

const MAX_PARAMS_NAMED = 4;

const shown = (v: string | null) => (v === null ? 'not set' : v);

/** "a, b and c". */
export function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The pair's name in a sentence: the job both ran, or both labels when they differ. */
function pairLabel(pair: RunPairDiff): string {
  const [a, b] = pair.runs;
  return a.label === b.label ? b.label : `${b.label} (against ${a.label})`;
}

/** A finding about a run pair: "who" and "what", so pairs with the same finding share one sentence. */
interface Finding {
  subject: string;
  predicate: string;
  /** Unknowns (no recorded version) come after what is known to have changed. */
  unknown?: boolean;
  /** Order of telling: a changed outcome, then params, code, changed inputs, unknowns (FINDING_RANK). */
  rank?: number;
}

/** What explains a difference best comes first: how the run ended, then what it was told, ran and read. */
const FINDING_RANK = { ended: 0, params: 1, code: 2, input: 3, unknown: 4 } as const;

function paramFinding(label: string, params: ParamDiff[]): Finding | null {
  const changed = params.filter((p) => p.status !== 'secret');
  if (changed.length === 0) return null;
  const named = changed.slice(0, MAX_PARAMS_NAMED).map((p) => `${p.key} ${shown(p.values[1] ?? null)} instead of ${shown(p.values[0] ?? null)}`);
  const more = changed.length - named.length;
  return { rank: FINDING_RANK.params, subject: label, predicate: `ran with ${joinAnd(more > 0 ? [...named, `${more} more changed param${more === 1 ? '' : 's'}`] : named)}` };
}

/** Secret params cannot explain a difference nor be ruled out: said as such, after what is known (like unknowns). */
function secretParamFinding(label: string, params: ParamDiff[]): Finding | null {
  const secret = params.filter((p) => p.status === 'secret').map((p) => p.key);
  if (secret.length === 0) return null;
  const named = secret.slice(0, MAX_PARAMS_NAMED);
  const more = secret.length - named.length;
  return { rank: FINDING_RANK.unknown, unknown: true, subject: label, predicate: `ran with secret param${secret.length === 1 ? '' : 's'} ${joinAnd(more > 0 ? [...named, `${more} more`] : named)} (${SECRET_NOT_COMPARED})` };
}

function codeFinding(label: string, code: CodeDiff[]): Finding | null {
  if (code.length === 0) return null;
  return { rank: FINDING_RANK.code, subject: label, predicate: `ran different code: ${joinAnd(code.map((c) => `${c.label} ${shown(c.values[1] ?? null)} instead of ${shown(c.values[0] ?? null)}`))}` };
}

function versionPhrase(input: InputChange): string {
  const [a, b] = input.versions;
  const kind = input.newer === 'b' ? 'a newer' : input.newer === 'a' ? 'an older' : 'a different';
  return `${kind} version of ${datasetLabel(input)} (${shown(b)} instead of ${shown(a)})`;
}

/** What to say about an input where the walk stopped; null when the producers' differences explain it. */
function inputFinding(label: string, input: InputChange): Finding | null {
  const dataset = datasetLabel(input);
  const said = (predicate: string, unknown = false): Finding => ({ subject: label, predicate, unknown, rank: unknown ? FINDING_RANK.unknown : FINDING_RANK.input });
  switch (input.end) {
    case 'raw-input': {
      const dated = input.newerBy === 'first-read' ? '; dated by when loaded runs first read each' : '';
      return said(`read ${versionPhrase(input)}, a raw input: no loaded run wrote either version${dated}`);
    }
    case 'producer-not-loaded': return said(`read ${versionPhrase(input)}; the run that wrote one of them is not loaded, so the walk stops there`);
    case 'same-producer': return said(`read ${versionPhrase(input)}, both written by the same run`);
    case 'only-in': return said(`read ${dataset} only in the ${input.read[0] ? 'first' : 'second'} run`);
    case 'unversioned': {
      const where = input.versions.every((v) => v === null) ? 'either run' : 'one run';
      return said(`read ${dataset} with no recorded version in ${where}, so whether it changed is unknown`, true);
    }
    case 'limit': return said(`read ${versionPhrase(input)}; the walk stopped at its bound before the runs that wrote them`);
    case 'already-explained': return null;
    case null: {
      const producers = input.producerDiff;
      const silent = producers && producers.params.length === 0 && producers.code.length === 0 && producers.inputs.length === 0;
      return silent ? said(`read ${versionPhrase(input)}, although the runs that wrote them show no difference in params, code or inputs`) : null;
    }
  }
}

/** Findings ranked (stable), then those with the same predicate become one sentence naming every subject. */
function sentencesOf(findings: Finding[]): string[] {
  const subjects = new Map<string, string[]>();
  const ranked = [...findings].sort((a, b) => (a.rank ?? FINDING_RANK.input) - (b.rank ?? FINDING_RANK.input));
  for (const f of ranked) {
    const list = subjects.get(f.predicate) ?? [];
    if (!list.includes(f.subject)) list.push(f.subject);
    subjects.set(f.predicate, list);
  }
  return [...subjects].map(([predicate, names]) => `${joinAnd(names)} ${predicate}`);
}

/**
 * Why the runs differ, for people, root first and then up the lineage: each pair's outcome, changed params
 * and code, and each changed input where the walk ended (raw data, a run not loaded, a bound). Several roots
 * (a pipeline's stage pairs) share one list, so a finding common to many stages is said once.
 */
export function explainUpstreamDiff(roots: RunPairDiff | RunPairDiff[]): string[] {
  const findings: Finding[] = [];
  for (const pair of (Array.isArray(roots) ? roots : [roots]).flatMap(pairsOf)) {
    const label = pairLabel(pair);
    const [a, b] = pair.runs;
    const ended: Finding | null = a.status === b.status ? null : { rank: FINDING_RANK.ended, subject: label, predicate: `ended ${b.status} instead of ${a.status}` };
    for (const f of [ended, paramFinding(label, pair.params), secretParamFinding(label, pair.params), codeFinding(label, pair.code), ...pair.inputs.map((i) => inputFinding(label, i))]) {
      if (f !== null) findings.push(f);
    }
  }
  return sentencesOf(findings);
}
