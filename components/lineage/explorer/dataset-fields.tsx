'use client';

import type { CSSProperties, MouseEvent } from 'react';
import { NodeToolbar, Position } from '@xyflow/react';
import { useQuery } from '@tanstack/react-query';
import { datasetFieldsQuery } from '@/lib/queries/lineage';
import { useFieldToggle } from './field-toggles';

const toggleStyle: CSSProperties = {
  position: 'absolute', right: 4, bottom: 4, font: 'inherit', fontSize: 11, lineHeight: 1, padding: '2px 5px',
  borderRadius: 4, border: '1px solid #a78bfa', background: '#fff', color: '#4c1d95', cursor: 'pointer',
};
const listStyle: CSSProperties = {
  width: 260, maxHeight: 280, overflowY: 'auto', background: '#fff', color: '#111827', border: '1px solid #a78bfa',
  borderRadius: 6, boxShadow: '0 6px 16px #0002', padding: 6, fontSize: 12,
};
const rowStyle: CSSProperties = { display: 'flex', justifyContent: 'space-between', gap: 8, padding: '1px 2px' };
const nameStyle: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };

const count = (n: number) => n.toLocaleString('en-US');

/**
 * A dataset node's field toggle and, when open, its schema fields (name, type) beside the node, read on demand
 * from /api/lineage/fields (the first ones; the note says how many were left out). The list does not scale
 * with the zoom, so it stays legible on a zoomed-out graph.
 */
export function DatasetFields({ id, name, fieldCount }: { id: string; name: string; fieldCount: number }) {
  const [open, toggle] = useFieldToggle(id);
  // The click must not also select the node (React Flow's onNodeClick listens on the node's wrapper).
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    toggle();
  };
  return (
    <>
      <button type="button" className="nodrag" style={toggleStyle} onClick={onClick} aria-expanded={open}
        aria-label={`${open ? 'Hide' : 'Show'} the ${count(fieldCount)} fields of ${name}`} data-testid="explorer-fields-toggle">
        {open ? '▴' : '▾'} fields
      </button>
      {/* Mounted only while open: a NodeToolbar subscribes to the whole store (it filters every node on each pan frame). */}
      {open ? (
        <NodeToolbar isVisible position={Position.Bottom} offset={6}>
          <FieldList id={id} name={name} />
        </NodeToolbar>
      ) : null}
    </>
  );
}

function FieldList({ id, name }: { id: string; name: string }) {
  const query = useQuery(datasetFieldsQuery(id));
  return (
    <div className="nowheel nodrag nopan" style={listStyle} data-testid="explorer-fields" role="region" aria-label={`Fields of ${name}`}>
      {query.isPending ? <p className="subtle" style={{ margin: 0 }}>Loading the fields…</p> : null}
      {query.isError ? <p className="notice notice-error" role="alert" style={{ margin: 0 }}>Could not load the fields: {query.error.message}</p> : null}
      {query.data ? (
        <>
          {query.data.fields.length === 0 ? <p className="subtle" style={{ margin: 0 }}>No schema facet was reported for this dataset.</p> : null}
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {query.data.fields.map((f) => (
              <li key={f.name} style={rowStyle} title={f.description ?? undefined} data-testid="explorer-field-row">
                <span className="mono" style={nameStyle}>{f.name}</span>
                <span className="mono subtle">{f.type ?? '—'}</span>
              </li>
            ))}
          </ul>
          {query.data.total > query.data.fields.length ? (
            <p className="subtle" style={{ margin: '4px 0 0' }} data-testid="explorer-fields-note">
              Showing {count(query.data.fields.length)} of {count(query.data.total)} fields.
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
