import Link from 'next/link';
import type { ListWindow } from '@/lib/model/bounded-list';
import { showingText } from '@/lib/model/bounded-list';

/** "Showing 1–200 of 100,000 inputs" with links to the previous and next windows; nothing when all is shown. */
export function ShowingNote({ window, noun, hrefAt }: { window: ListWindow; noun: string; hrefAt: (offset: number) => string }) {
  const text = showingText(window, noun);
  if (text === null) return null;
  const previous = window.offset > 0 ? Math.max(0, window.offset - window.limit) : null;
  const next = window.offset + window.shown < window.total ? window.offset + window.shown : null;
  return (
    <p className="subtle" data-testid="showing-note">
      {text.charAt(0).toUpperCase() + text.slice(1)}.
      {previous !== null ? <> <Link href={hrefAt(previous)}>← previous {window.limit}</Link></> : null}
      {next !== null ? <> <Link href={hrefAt(next)}>next {Math.min(window.limit, window.total - next)} →</Link></> : null}
    </p>
  );
}
