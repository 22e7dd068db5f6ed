import Link from 'next/link';

export interface SourceFailureView {
  source: string;
  error: string;
  /** ISO time the source started failing, when known. */
  since?: string | null;
}

/** `2026-11-26 09:31:02 UTC`: the same on server and client, whatever their time zone. */
function utc(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export interface SourceWarningView {
  source: string;
  label: string;
  problemCount: number;
}

/** One banner per failed source: which, what failed and since when; the rest of the page still renders. */
export function SourceBanners({ failures, warnings = [] }: { failures: SourceFailureView[]; warnings?: SourceWarningView[] }) {
  if (failures.length === 0 && warnings.length === 0) return null;
  return (
    <>
      {failures.map((f) => (
        <div key={f.source} className="notice notice-error" role="alert" data-testid="source-unavailable">
          <strong>{f.source} is unavailable</strong>
          {f.since ? <> since <time dateTime={f.since} data-testid="source-unavailable-since">{utc(f.since)}</time></> : null}.{' '}
          {f.error} Results below leave it out. See <Link href="/health">Health</Link>.
        </div>
      ))}
      {warnings.map((w) => (
        <div key={w.source} className="notice notice-warn" data-testid="source-warning">
          {w.label} ({w.source}) skipped {w.problemCount} malformed {w.problemCount === 1 ? 'entry' : 'entries'} while loading; everything else is shown.
          See <Link href="/health">Health</Link> for each file and line.
        </div>
      ))}
    </>
  );
}
