import type { CodeDiff } from './diff-code';
import { datasetLabel } from './diff-datasets';
import type { ParamDiff } from './diff-params';
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

function paramSentence(label: string, params: ParamDiff[]): string | null {
  if (params.length === 0) return null;
  const named = params.slice(0, MAX_PARAMS_NAMED).map((p) => `${p.key} ${shown(p.values[1] ?? null)} instead of ${shown(p.values[0] ?? null)}`);
  const more = params.length - named.length;
  return `${label} ran with ${joinAnd(more > 0 ? [...named, `${more} more changed param${more === 1 ? '' : 's'}`] : named)}`;
}

function codeSentence(label: string, code: CodeDiff[]): string | null {
  if (code.length === 0) return null;
  return `${label} ran different code: ${joinAnd(code.map((c) => `${c.label} ${shown(c.values[1] ?? null)} instead of ${shown(c.values[0] ?? null)}`))}`;
}

function versionPhrase(input: InputChange): string {
  const [a, b] = input.versions;
  const kind = input.newer === 'b' ? 'a newer' : input.newer === 'a' ? 'an older' : 'a different';
  return `${kind} version of ${datasetLabel(input)} (${shown(b)} instead of ${shown(a)})`;
}

/** A sentence for an input where the walk stopped with something to say; null when the producers explain it. */
function inputSentence(label: string, input: InputChange): string | null {
  const dataset = datasetLabel(input);
  switch (input.end) {
    case 'raw-input': return `${label} read ${versionPhrase(input)}, a raw input that no tracked run wrote`;
    case 'producer-not-loaded': return `${label} read ${versionPhrase(input)}; the run that wrote one of them is not loaded, so the walk stops there`;
    case 'same-producer': return `${label} read ${versionPhrase(input)}, both written by the same run`;
    case 'only-in': return `${label} read ${dataset} only in the ${input.read[0] ? 'first' : 'second'} run`;
    case 'unversioned': return `${label} read ${dataset} without a recorded version in one run, so whether it changed is unknown`;
    case 'limit': return `${label} read ${versionPhrase(input)}; the walk stopped at its bound before the runs that wrote them`;
    case 'already-explained': return null;
    case null: {
      const producers = input.producerDiff;
      const silent = producers && producers.params.length === 0 && producers.code.length === 0 && producers.inputs.length === 0;
      return silent ? `${label} read ${versionPhrase(input)}, although the runs that wrote them show no difference in params, code or inputs` : null;
    }
  }
}

/**
 * Why the two runs differ, for people, root first and then up the lineage: each pair's changed params
 * and code, and each changed input where the walk ended (raw data, a run not loaded, a bound).
 */
export function explainUpstreamDiff(root: RunPairDiff): string[] {
  const sentences: string[] = [];
  for (const pair of pairsOf(root)) {
    const label = pairLabel(pair);
    for (const s of [paramSentence(label, pair.params), codeSentence(label, pair.code), ...pair.inputs.map((i) => inputSentence(label, i))]) {
      if (s !== null && !sentences.includes(s)) sentences.push(s);
    }
  }
  return sentences;
}
