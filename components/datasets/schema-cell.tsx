import type { SchemaDiff, SchemaField } from '@/lib/catalog/schema-diff';

const field = (f: SchemaField) => `${f.name}${f.type ? ` (${f.type})` : ''}`;
/** Changes of each kind and fields listed per version; the rest are counted (the latest schema pages through all). */
const CHANGES_SHOWN = 50;
const FIELDS_SHOWN = 200;
const more = (n: number, noun: string) => (n > 0 ? <li className="subtle" data-testid="schema-cut">and {n.toLocaleString('en-US')} more {noun}</li> : null);

function DiffList({ diff }: { diff: SchemaDiff }) {
  const empty = diff.added.length === 0 && diff.removed.length === 0 && diff.typeChanged.length === 0;
  if (empty) return <div className="subtle" data-testid="schema-diff">Same schema as the previous version.</div>;
  return (
    <ul data-testid="schema-diff" style={{ margin: '4px 0', paddingLeft: 18 }}>
      {diff.added.slice(0, CHANGES_SHOWN).map((f) => <li key={`+${f.name}`} className="mono" style={{ color: 'var(--ok)' }}>+ {field(f)}</li>)}
      {more(diff.added.length - CHANGES_SHOWN, 'fields added')}
      {diff.removed.slice(0, CHANGES_SHOWN).map((f) => <li key={`-${f.name}`} className="mono" style={{ color: 'var(--fail)' }}>− {field(f)}</li>)}
      {more(diff.removed.length - CHANGES_SHOWN, 'fields removed')}
      {diff.typeChanged.slice(0, CHANGES_SHOWN).map((c) => <li key={`~${c.name}`} className="mono" style={{ color: 'var(--warn)' }}>~ {c.name}: {c.from || '?'} → {c.to || '?'}</li>)}
      {more(diff.typeChanged.length - CHANGES_SHOWN, 'type changes')}
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
              {schema.slice(0, FIELDS_SHOWN).map((f) => <tr key={f.name} data-testid="schema-field"><td className="mono">{f.name}</td><td className="mono">{f.type || '—'}</td></tr>)}
            </tbody>
          </table>
          {schema.length > FIELDS_SHOWN ? <p className="subtle" data-testid="schema-cut">showing {FIELDS_SHOWN} of {schema.length.toLocaleString('en-US')} fields</p> : null}
        </details>
      )}
    </div>
  );
}
