'use client';

import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';

/**
 * Which dataset nodes list their fields, for one drawn view. A store outside React state, so toggling one node
 * re-renders that node only (a context value would re-render every mounted node), and a node scrolled off
 * screen and back (onlyRenderVisibleElements unmounts it) is still open.
 */
export class FieldToggles {
  private open = new Set<string>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  isOpen = (id: string) => this.open.has(id);

  toggle(id: string) {
    if (!this.open.delete(id)) this.open.add(id);
    for (const listener of this.listeners) listener();
  }
}

export const FieldTogglesContext = createContext<FieldToggles | null>(null);

/** Whether `id` lists its fields, and the function that flips it; closed (and inert) outside a provider. */
export function useFieldToggle(id: string): [boolean, () => void] {
  const toggles = useContext(FieldTogglesContext);
  const open = useSyncExternalStore(
    toggles?.subscribe ?? noSubscription,
    () => toggles?.isOpen(id) ?? false,
    () => false,
  );
  const flip = useCallback(() => toggles?.toggle(id), [toggles, id]);
  return [open, flip];
}

const noSubscription = () => () => {};
