import Link from 'next/link';
import { datasetHref, runHref } from '@/lib/api/links';
import type { PairComparison } from '@/lib/audit/compare';
import { datasetLabel } from '@/lib/audit/diff-datasets';
import type { InputChange, RunPairDiff, WalkEnd } from '@/lib/audit/upstream-diff';

const endText: Record<WalkEnd, string> = {
  'raw-input': 'a raw input: no loaded run wrote either version',
  'producer-not-loaded': 'the run that wrote one of the versions is not loaded',
  'same-producer': 'both versions were written by the same run',
  'only-in': 'only one run read it',
  unversioned: 'one run recorded no version',
  limit: 'the walk stopped at its bound here',
  'already-explained': 'these writers are compared above',
};

const v = (version: string | null) => <span className="mono">{version ?? 'none'}</span>;

function InputItem({ input }: { input: InputChange }) {
  return (
    <li data-testid="upstream-input">
      read <Link href={datasetHref(input.namespace, input.name)}>{datasetLabel(input)}</Link> {v(input.versions[0])} → {v(input.versions[1])}
      {input.newer ? <span className="subtle"> ({input.newer === 'b' ? 'the second' : 'the first'} is newer)</span> : null}
      {input.end ? <span className="subtle"> — {endText[input.end]}</span> : <span className="subtle"> — written by:</span>}
      {input.producerDiff ? <PairNode pair={input.producerDiff} /> : null}
    </li>
  );
}

function PairNode({ pair }: { pair: RunPairDiff }) {
  const [a, b] = pair.runs;
  const quiet = pair.params.length + pair.code.length + pair.inputs.length === 0;
  return (
    <ul data-testid="upstream-pair" data-depth={pair.depth}>
      <li>
        <strong>{b.label}</strong> <Link href={runHref(a.id)} className="subtle">A-side run</Link> · <Link href={runHref(b.id)} className="subtle">B-side run</Link>
        {quiet ? <span className="subtle"> — no difference in params, code or inputs</span> : null}
        <ul>
          {pair.params.map((p) => <li key={p.key} data-testid="upstream-param">param <span className="mono">{p.key}</span>: {v(p.values[0] ?? null)} → {v(p.values[1] ?? null)}</li>)}
          {pair.code.map((c) => <li key={`${c.label}${c.source}`}>{c.label}: {v(c.values[0] ?? null)} → {v(c.values[1] ?? null)}</li>)}
          {pair.inputs.map((i) => <InputItem key={`${i.namespace}\u0000${i.name}`} input={i} />)}
          {pair.totals ? <li className="subtle" data-testid="walk-cut">Showing the first {pair.params.length} params and {pair.inputs.length} inputs that changed of {(pair.totals.params ?? pair.params.length).toLocaleString('en-US')} and {(pair.totals.inputs ?? pair.inputs.length).toLocaleString('en-US')}.</li> : null}
        </ul>
      </li>
    </ul>
  );
}

/** Why one run differs from the baseline: the metric that moved, the causes found upstream, and the walk itself. */
export function UpstreamExplanation({ pair, letters }: { pair: PairComparison; letters: [string, string] }) {
  return (
    <section className="panel" data-testid="upstream-explanation">
      <h2>Why {letters[1]} differs from {letters[0]}</h2>
      {pair.failure ? (
        <div className="notice notice-error" data-testid="compare-failure">
          <strong>{pair.failure.side === 'other' ? letters[1] : letters[0]} failed</strong>
          {pair.failure.id !== (pair.failure.side === 'other' ? pair.other.id : pair.baseline.id) ? <> at <Link href={runHref(pair.failure.id)}>{pair.failure.label}</Link></> : null}: {pair.failure.message}
        </div>
      ) : null}
      {pair.causes.length === 0 ? <p className="subtle">No difference found in params, code or input versions, here or upstream.</p> : (
        <ol data-testid="causes">{pair.causes.map((c) => <li key={c} data-testid="cause">{c}.</li>)}</ol>
      )}
      {pair.totals?.causes ? <p className="subtle" data-testid="causes-cut">Showing the first {pair.causes.length} of {pair.totals.causes.toLocaleString('en-US')} causes; every changed param and input is in the tables below.</p> : null}
      {pair.headline ? <p data-testid="explanation-headline">Metrics: {pair.headline}.</p> : null}
      {pair.upstream.truncated ? <div className="notice notice-warn">The walk up the lineage stopped at its bound; older differences may not be shown.</div> : null}
      <details>
        <summary>The walk up the lineage (each changed input, then the runs that wrote each version)</summary>
        <PairNode pair={pair.upstream.root} />
      </details>
    </section>
  );
}
