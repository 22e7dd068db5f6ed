import type { SqlToken } from '@/lib/model/sql-tokens';
import { CopyButton } from './copy-button';

/** The job's SQL (the `sql` facet), highlighted, with a copy button. */
export function SqlQuery({ sql }: { sql: { query: string; dialect: string | null; tokens: SqlToken[] } }) {
  return (
    <div data-testid="sql-query">
      <div className="sql-head">
        <span className="subtle">SQL{sql.dialect ? ` (${sql.dialect})` : ''}</span>
        <CopyButton text={sql.query} label="Copy SQL" />
      </div>
      <pre className="sql"><code>{sql.tokens.map((t, i) => (t.kind === 'text' ? t.text : <span key={i} className={`sql-${t.kind}`}>{t.text}</span>))}</code></pre>
    </div>
  );
}
