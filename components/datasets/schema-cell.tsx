import type { SchemaDiff, SchemaField } from '@/lib/catalog/schema-diff';

const field = (f: SchemaField) => `${f.name}${f.type ? ` (${f.type})` : ''}`;

function DiffList({ diff }: { diff: SchemaDiff }) {
  const empty = diff.added.length === 0 && diff.removed.length === 0 && diff.typeChanged.length === 0;
  if (empty) return <div className="subtle" data-testid="schema-diff">Same schema as the previous version.</div>;
  return (
    <ul data-testid="schema-diff" style={{ margin: '4px 0', paddingLeft: 18 }}>
      {diff.added.map((f) => <li key={`+${f.name}`} className="mono" style={{ color: 'var(--ok)' }}>+ {field(f)}</li>)}
      {diff.removed.map((f) => <li key={`-${f.name}`} className="mono" style={{ color: 'var(--fail)' }}>− {field(f)}</li>)}
      {diff.typeChanged.map((c) => <li key={`~${c.name}`} className="mono" style={{ color: 'var(--warn)' }}>~ {c.name}: {c.from || '?'} → {c.to || '?'}</li>)}
    </ul>
  );
}

/** One version's schema (folded) and what changed since the previous version (shown). */
export function SchemaCell({ schema, diff, diffNote }: { schema: SchemaField[] | null; diff: SchemaDiff | null; diffNote: string }) {
  return (
    <div data-testid="version-schema">
      {diff ? <DiffList diff={diff} /> : <div className="subtle">{diffNote}</div>}
      {schema === null ? <div className="subtle">No schema facet.</div> : (
        <details>
          <summary>{schema.length} field{schema.length === 1 ? '' : 's'}</summary>
          <table>
            <tbody>
              {schema.map((f) => <tr key={f.name} data-testid="schema-field"><td className="mono">{f.name}</td><td className="mono">{f.type || '—'}</td></tr>)}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
