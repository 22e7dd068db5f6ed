export interface LinkView {
  rule: string;
  rules: string[];
  detail: string;
  conflicts: string[];
}

export function LinkPanel({ link }: { link: LinkView }) {
  return (
    <section className="panel" data-testid="link-panel">
      <h2>Link <span className="badge badge-rule" data-testid="link-rule">{link.rule}</span>
        {link.rule === 'dataset' ? <> <span className="badge badge-unmatched">suggested · lower confidence</span></> : null}</h2>
      <p>{link.detail}</p>
      <p className="subtle">Rules that hold: {link.rules.join(', ')}</p>
      {link.conflicts.map((c) => <div key={c} className="notice notice-warn" role="alert">{c}</div>)}
    </section>
  );
}
