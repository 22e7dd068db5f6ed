/**
 * Values from events and upstreams go into the Markdown report as text, never as Markdown or HTML:
 * a newline could forge a checklist line or a heading, `<img onerror>` would be HTML in most renderers.
 */

// Every character CommonMark/GFM may read as syntax inside a line (emphasis, code, links, HTML, tables,
// strikethrough, entities); a backslash before ASCII punctuation always makes it literal.
const INLINE_SYNTAX = /[\\`*_[\]<>#|~!&]/g;
const LINE_BREAKS = /[\r\n\u2028\u2029\u0085\v\f]+/g;

/** Plain text for any inline position (headings, list items, paragraphs, table cells): one line, syntax escaped. */
export function mdText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(LINE_BREAKS, ' ').replace(INLINE_SYNTAX, (c) => `\\${c}`);
}

/** A code span that no backtick in the value can close early; one line. */
export function mdCode(value: string): string {
  const flat = value.replace(LINE_BREAKS, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space keeps a value that starts or ends with a backtick from joining the fence.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
