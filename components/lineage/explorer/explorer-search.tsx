'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { explorerPath, type ExplorerView } from '@/lib/graph/explorer-url';
import { lineageSearchQuery } from '@/lib/queries/lineage';

const DEBOUNCE_MS = 250;
const box: CSSProperties = { position: 'relative', minWidth: 320 };
const list: CSSProperties = {
  position: 'absolute', zIndex: 20, top: '100%', left: 0, right: 0, margin: 0, padding: 4, listStyle: 'none',
  background: '#fff', border: '1px solid #e3e6ec', borderRadius: 6, boxShadow: '0 6px 16px #0002', maxHeight: 360, overflowY: 'auto',
};
const hitStyle: CSSProperties = { display: 'block', padding: '4px 6px', borderRadius: 4, overflowWrap: 'anywhere' };

/** Jobs and datasets by name; picking one opens the explorer on it, keeping depth and toggles. */
export function ExplorerSearch({ keep = {} }: { keep?: Partial<ExplorerView> }) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const query = useQuery({ ...lineageSearchQuery(q), enabled: q !== '' });

  const onChange = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    // Debounced in the handler, not an effect: the query key only changes once typing pauses.
    timer.current = setTimeout(() => setQ(value.trim()), DEBOUNCE_MS);
  };
  const hrefOf = (node: { kind: 'job' | 'dataset'; namespace: string; name: string }) =>
    explorerPath({ ...keep, node: { kind: node.kind, namespace: node.namespace, name: node.name }, expand: [], selected: null });
  const close = () => {
    setText('');
    setQ('');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const first = query.data?.hits[0];
    if (first && q === text.trim()) {
      close();
      router.push(hrefOf(first));
    }
  };

  return (
    <form role="search" style={box} onSubmit={onSubmit} data-testid="explorer-search">
      <input
        type="search"
        aria-label="Search jobs and datasets"
        placeholder="Search jobs and datasets…"
        value={text}
        onChange={(e) => onChange(e.target.value)}
        style={{ width: '100%' }}
      />
      {q !== '' && text !== '' ? (
        <ul style={list} aria-label="Matching jobs and datasets">
          {query.isPending ? <li className="subtle">Searching…</li> : null}
          {query.isError ? <li className="notice notice-error" role="alert">Search failed: {query.error.message}</li> : null}
          {query.data?.hits.length === 0 ? <li className="subtle">No job or dataset matches “{q}”.</li> : null}
          {query.data?.hits.map((hit) => (
            <li key={hit.id}>
              <Link href={hrefOf(hit)} style={hitStyle} onClick={close} data-testid="explorer-search-hit">
                <span className="badge">{hit.kind}</span> {hit.name} <span className="subtle">{hit.namespace}</span>
              </Link>
            </li>
          ))}
          {query.data?.unavailableSources.map((f) => <li key={f.source} className="subtle">{f.source}: {f.error}</li>)}
        </ul>
      ) : null}
    </form>
  );
}
