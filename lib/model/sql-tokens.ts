/** SQL split into tokens for highlighting: keywords, strings, comments, numbers and the rest, in order. */
export type SqlTokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'text';
export interface SqlToken { kind: SqlTokenKind; text: string }

const KEYWORDS = new Set(`select from where and or not in is null as join left right inner outer full cross on group by order having limit offset
union all distinct insert into values update set delete create table view replace drop alter add column if exists with case when then else end
merge using matched overwrite partition over asc desc between like cast truncate rename to primary key default temporary temp database schema
returning exclude qualify window rows range unbounded preceding following current row lateral explode`.split(/\s+/));

// One alternation, left to right: comments, strings, quoted identifiers, numbers, words, anything else.
const TOKEN = /(--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?|`[^`]*`?)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)|([\s\S])/g;

/** At most `maxChars` of the query are tokenised (the rest is one plain token), so a huge query costs little. */
export function sqlTokens(sql: string, maxChars = 50_000): SqlToken[] {
  const head = sql.slice(0, maxChars);
  const out: SqlToken[] = [];
  const push = (kind: SqlTokenKind, text: string) => {
    const last = out.at(-1);
    if (last !== undefined && last.kind === kind && kind === 'text') last.text += text;
    else out.push({ kind, text });
  };
  for (const m of head.matchAll(TOKEN)) {
    const [text, comment, string, quoted, number, word] = m;
    if (comment !== undefined) push('comment', text);
    else if (string !== undefined) push('string', text);
    else if (quoted !== undefined) push('text', text);
    else if (number !== undefined) push('number', text);
    else if (word !== undefined) push(KEYWORDS.has(word.toLowerCase()) ? 'keyword' : 'text', text);
    else push('text', text);
  }
  if (sql.length > maxChars) push('text', sql.slice(maxChars));
  return out;
}
