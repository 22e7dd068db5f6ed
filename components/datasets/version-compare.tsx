'use client';

import Link from 'next/link';
import { useState } from 'react';
import { compareHref } from '@/lib/api/links';
import type { VersionChoice } from '@/lib/catalog/version-compare';

// Half of the six runs the compare page takes, so both versions' readers fit.
const READERS_PER_VERSION = 3;

/** Pick two versions, then compare the runs that wrote them or the runs that read them (older version first, as the baseline). */
export function VersionCompare({ choices }: { choices: VersionChoice[] }) {
  const [a, setA] = useState(choices[1]?.key ?? '');
  const [b, setB] = useState(choices[0]?.key ?? '');
  if (choices.length < 2) return null;
  const first = choices.find((c) => c.key === a);
  const second = choices.find((c) => c.key === b);
  const writers = first?.writerId && second?.writerId && first.writerId !== second.writerId ? [first.writerId, second.writerId] : null;
  const readers = first && second && a !== b ? [...first.readerIds.slice(0, READERS_PER_VERSION), ...second.readerIds.slice(0, READERS_PER_VERSION)] : [];
  const select = (value: string, set: (v: string) => void, label: string) => (
    <label>{label}
      <select value={value} onChange={(e) => set(e.target.value)} aria-label={label}>
        {choices.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
      </select>
    </label>
  );
  return (
    <section className="panel" data-testid="version-compare">
      <h2>Compare the runs behind two versions</h2>
      <div className="filters">
        {select(a, setA, 'Version A (baseline)')}
        {select(b, setB, 'Version B')}
      </div>
      {a === b ? <p className="subtle">Pick two different versions.</p> : (
        <p>
          {writers ? <Link href={compareHref(writers)} data-testid="compare-writers">Compare the runs that wrote them</Link> : <span className="subtle">No loaded run wrote both picks.</span>}
          {' · '}
          {first && second && first.readerIds.length > 0 && second.readerIds.length > 0
            ? <Link href={compareHref(readers)} data-testid="compare-readers">Compare the runs that read them</Link>
            : <span className="subtle">Not both versions have a loaded reader.</span>}
        </p>
      )}
    </section>
  );
}
