'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';

const GroupContext = createContext<{ open: boolean; toggle: () => void } | null>(null);

/**
 * A pipeline execution's row and its stages' rows in one <tbody>, stages collapsed under the parent until its
 * toggle opens them (as MLflow's run table nests child runs). Rows stay server-rendered; only this state is client-side.
 */
export function StageGroup({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <GroupContext.Provider value={{ open, toggle: () => setOpen((o) => !o) }}>
      <tbody className="stage-group" data-expanded={open ? 'true' : 'false'}>{children}</tbody>
    </GroupContext.Provider>
  );
}

/** "▸ 4 stages" on the parent's row; `controls` are the ids of the stage rows it shows and hides. */
export function StageToggle({ total, controls }: { total: number; controls: string }) {
  const group = useContext(GroupContext);
  if (!group) return null;
  return (
    <button type="button" className="disclosure" aria-expanded={group.open} aria-controls={controls} onClick={group.toggle} data-testid="stages-toggle">
      <span aria-hidden="true">{group.open ? '▾' : '▸'}</span> {total.toLocaleString('en-US')}&nbsp;stage{total === 1 ? '' : 's'}
    </button>
  );
}
