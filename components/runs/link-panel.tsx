export interface LinkView {
  rule: string;
  rules: string[];
  detail: string;
  conflicts: string[];
}

/**
 * The link between the two halves of the run as a compact badge; it opens to the sentence saying why, every rule
 * that holds and any conflict. A conflict is counted on the badge itself, so it is never hidden.
 */
export function LinkPanel({ link }: { link: LinkView }) {
  return (
    <details className="link-badge" data-testid="link-panel">
      <summary>
        Linked by <span className="badge badge-rule" data-testid="link-rule">{link.rule}</span>
        {link.rule === 'dataset' ? <> <span className="badge badge-unmatched">suggested · lower confidence</span></> : null}
        {link.conflicts.length > 0 ? <> <span className="badge badge-unmatched" data-testid="link-conflict-count">{link.conflicts.length} conflict{link.conflicts.length === 1 ? '' : 's'}</span></> : null}
      </summary>
      <div className="link-badge-body">
        <p>{link.detail}</p>
        <p className="subtle">Rules that hold: {link.rules.join(', ')}</p>
        {link.conflicts.map((c) => <div key={c} className="notice notice-warn" role="alert">{c}</div>)}
      </div>
    </details>
  );
}
