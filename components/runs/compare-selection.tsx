'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { compareHref } from '@/lib/api/links';
import { MAX_COMPARED_RUNS } from '@/lib/audit/compare-query';

/**
 * A Compare button over the runs table, whose `runs` checkboxes belong to this form. Runs are compared
 * in the order they were ticked, the first being the baseline. Without JavaScript the form still
 * submits runs=a&runs=b to /compare.
 */
export function CompareSelection({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);

  function onChange(event: FormEvent<HTMLFormElement>) {
    const input = event.target as HTMLInputElement;
    if (input.name !== 'runs') return;
    setSelected((current) => [...current.filter((id) => id !== input.value), ...(input.checked ? [input.value] : [])]);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected.length >= 2 && selected.length <= MAX_COMPARED_RUNS) router.push(compareHref(selected));
  }

  const tooMany = selected.length > MAX_COMPARED_RUNS;
  return (
    <form action="/compare" method="get" onSubmit={onSubmit} onChange={onChange} data-testid="compare-selection">
      <div className="filters">
        <button type="submit" disabled={selected.length < 2 || tooMany} data-testid="compare-button">Compare{selected.length > 0 ? ` (${selected.length})` : ''}</button>
        <span className="subtle" role="status" data-testid="compare-hint">
          {tooMany ? `At most ${MAX_COMPARED_RUNS} runs can be compared; untick ${selected.length - MAX_COMPARED_RUNS}.`
            : selected.length < 2 ? 'Tick two to six runs to compare them; the first ticked is the baseline.' : `${selected.length} runs selected.`}
        </span>
      </div>
      {children}
    </form>
  );
}
