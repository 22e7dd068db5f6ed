import type { ReactNode } from 'react';

/** Nothing to show, and why: no source configured, no runs yet, or no match for the filters. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="panel" data-testid="empty-state">
      <h2>{title}</h2>
      {children ? <div className="subtle">{children}</div> : null}
    </div>
  );
}
